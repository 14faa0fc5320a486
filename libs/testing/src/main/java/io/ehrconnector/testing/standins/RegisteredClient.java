package io.ehrconnector.testing.standins;

import java.util.List;
import java.util.Objects;

/**
 * An OAuth client registered with a stand-in authorization server (an Epic app registration, an Entra app registration).
 *
 * @param clientId       the client id
 * @param redirectUris   redirect URIs, compared exactly (no wildcards, as both Epic and Entra do)
 * @param authentication how it authenticates at the token endpoint
 */
public record RegisteredClient(String clientId, List<String> redirectUris, ClientAuthentication authentication) {

    public RegisteredClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authentication, "authentication");
        redirectUris = List.copyOf(redirectUris);
    }

    public static RegisteredClient of(String clientId, ClientAuthentication authentication, String... redirectUris) {
        return new RegisteredClient(clientId, List.of(redirectUris), authentication);
    }

    boolean allowsRedirect(String redirectUri) {
        return redirectUri != null && redirectUris.contains(redirectUri);
    }
}
