package io.ehrconnector.testing.standins;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every stand-in token endpoint does around its grants: authenticate the client, run the grant, answer JSON with
 * {@code Cache-Control: no-store}, and record each request with its outcome for tests to read.
 */
final class TokenEndpointSupport {

    private final List<TokenRequest> log = new CopyOnWriteArrayList<>();

    List<TokenRequest> log() {
        return List.copyOf(log);
    }

    StandInResponse respond(StandInRequest request, String grantType,
                            Supplier<ClientAuthenticator.Authenticated> authenticate,
                            Function<ClientAuthenticator.Authenticated, Map<String, Object>> grant) {
        ClientAuthenticator.Authenticated client = null;
        try {
            client = authenticate.get();
            Map<String, Object> body = grant.apply(client);
            log.add(entry(request, grantType, client, null));
            return StandInResponse.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
        } catch (EarlyResponse failure) {
            String error = Json.parse(new String(failure.response().body(), StandardCharsets.UTF_8)).path("error").asText();
            log.add(entry(request, grantType, client, error));
            throw failure;
        }
    }

    private static TokenRequest entry(StandInRequest request, String grantType, ClientAuthenticator.Authenticated client,
                                      String error) {
        return new TokenRequest(request.receivedAt(), grantType, client == null ? null : client.client().clientId(),
                client == null ? null : client.method().metadataName, error);
    }
}
