package io.ehrconnector.launch.smart;

import java.net.URI;

/**
 * What a FHIR server's {@code .well-known/smart-configuration} says about where and how to authorize, checked by
 * {@link SmartDiscovery}.
 *
 * @param issuer                the authorization server's issuer: the id_token's {@code iss} and RFC 9207's {@code iss}
 * @param authorizationEndpoint where the browser is sent
 * @param tokenEndpoint         where the code is exchanged (and the signed client assertion sent)
 * @param jwksUri               the keys id_tokens are signed with
 * @param authorizePost         whether the server takes the authorization request as a form POST (SMART
 *                              {@code authorize-post}), which keeps the launch token out of the address bar and logs
 */
public record SmartEndpoints(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                             boolean authorizePost) {
}
