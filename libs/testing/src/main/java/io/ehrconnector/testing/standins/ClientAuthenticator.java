package io.ehrconnector.testing.standins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates the client of a token request (RFC 6749 2.3, RFC 7523) by the method it registered, accepting only the
 * methods the server advertises. Failures answer {@code invalid_client}.
 */
final class ClientAuthenticator {

    /** Token endpoint authentication methods, named as in OAuth metadata. */
    enum Method {
        CLIENT_SECRET_BASIC("client_secret_basic"),
        CLIENT_SECRET_POST("client_secret_post"),
        PRIVATE_KEY_JWT("private_key_jwt"),
        NONE("none");

        final String metadataName;

        Method(String metadataName) {
            this.metadataName = metadataName;
        }
    }

    record Authenticated(RegisteredClient client, Method method) {
    }

    static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Set<Method> accepted;
    private final ClientRegistry clients;
    private final ClientAssertionVerifier assertions;

    ClientAuthenticator(Set<Method> accepted, ClientRegistry clients, ClientAssertionVerifier assertions) {
        this.accepted = Set.copyOf(accepted);
        this.clients = clients;
        this.assertions = assertions;
    }

    /**
     * @param tokenEndpoint the URL a client assertion must name as its audience
     */
    Authenticated authenticate(StandInRequest request, Map<String, String> form, String tokenEndpoint) {
        var basic = request.basicCredentials();
        if (basic.isPresent()) {
            RegisteredClient client = known(basic.get()[0]);
            requireSecret(client, basic.get()[1]);
            return accept(client, Method.CLIENT_SECRET_BASIC);
        }
        if (form.containsKey("client_assertion") || form.containsKey("client_assertion_type")) {
            if (!JWT_BEARER_ASSERTION.equals(form.get("client_assertion_type"))) {
                throw OAuthErrors.token("invalid_client", "client_assertion_type must be " + JWT_BEARER_ASSERTION);
            }
            String assertion = form.get("client_assertion");
            RegisteredClient client = known(ClientAssertionVerifier.unverifiedIssuer(assertion));
            if (form.containsKey("client_id") && !client.clientId().equals(form.get("client_id"))) {
                throw OAuthErrors.token("invalid_client", "client_id does not match the assertion issuer");
            }
            if (!(client.authentication() instanceof ClientAuthentication.PrivateKeyJwt keys)) {
                throw OAuthErrors.token("invalid_client", "client is not registered for private_key_jwt");
            }
            assertions.verify(assertion, client.clientId(), keys, tokenEndpoint);
            return accept(client, Method.PRIVATE_KEY_JWT);
        }
        if (form.containsKey("client_secret")) {
            RegisteredClient client = known(form.get("client_id"));
            requireSecret(client, form.get("client_secret"));
            return accept(client, Method.CLIENT_SECRET_POST);
        }
        RegisteredClient client = known(form.get("client_id"));
        if (!(client.authentication() instanceof ClientAuthentication.None)) {
            throw OAuthErrors.token("invalid_client", "client authentication is required for this client");
        }
        return accept(client, Method.NONE);
    }

    private RegisteredClient known(String clientId) {
        return clients.find(clientId)
                .orElseThrow(() -> OAuthErrors.token("invalid_client", "unknown client"));
    }

    private static void requireSecret(RegisteredClient client, String presented) {
        if (!(client.authentication() instanceof ClientAuthentication.ClientSecret(String secret))
                || presented == null
                || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            throw OAuthErrors.token("invalid_client", "client authentication failed");
        }
    }

    private Authenticated accept(RegisteredClient client, Method method) {
        if (!accepted.contains(method)) {
            throw OAuthErrors.token("invalid_client", method.metadataName + " is not supported here");
        }
        return new Authenticated(client, method);
    }
}
