package io.ehrconnector.audit.writeback;

import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.ehr.SmartCodeExchange;
import io.ehrconnector.support.keys.ClientAssertionSigner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART Backend Services access tokens for the write-back: {@code client_credentials} at the FHIR server's token endpoint
 * (from its SMART configuration), the client authenticated by a {@code private_key_jwt} assertion signed with the
 * connector's ACTIVE key of the configuration's environment. A token is reused until {@code ehr.write-back.token-renew-ahead}
 * before it expires, or until the EHR refuses it. Tokens live in memory only, never in a log or the database.
 */
@ApplicationScoped
class BackendTokens {

    private final BackendDiscovery discovery;
    private final ClientAssertionSigner signer;
    private final WriteBackHttp http;
    private final BackendClients clients;
    private final WriteBackSettings settings;
    private final EhrConnection connection;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    BackendTokens(BackendDiscovery discovery, ClientAssertionSigner signer, WriteBackHttp http, BackendClients clients,
                  WriteBackSettings settings, EhrConnection connection) {
        this.discovery = discovery;
        this.signer = signer;
        this.http = http;
        this.clients = clients;
        this.settings = settings;
        this.connection = connection;
    }

    private record Token(String accessToken, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    /** An access token for writing to {@code configuration}'s FHIR server. */
    Uni<String> tokenFor(KnownConfiguration configuration) {
        String clientId = clients.clientIdOf(configuration.environment);
        String key = clientId + " " + configuration.fhirBaseUrl;
        Token known = tokens.get(key);
        if (known != null && clock.instant().isBefore(known.renewAt())) {
            return Uni.createFrom().item(known.accessToken());
        }
        return discovery.tokenEndpointOf(configuration.fhirBaseUrl)
                .flatMap(endpoint -> signer.sign(configuration.environment, clientId, endpoint.toString())
                        .flatMap(assertion -> SmartCodeExchange.clientCredentials(http.client(), endpoint.toString(),
                                settings.scope(), assertion, connection.requestTimeout())))
                .map(answer -> {
                    if (!answer.accepted()) {
                        throw new WriteBackException(WriteFailure.retry("token endpoint: " + answer.error()));
                    }
                    long lifetime = answer.body().path("expires_in").asLong(300);
                    Instant renewAt = clock.instant().plusSeconds(lifetime).minus(settings.tokenRenewAhead());
                    String accessToken = answer.body().path("access_token").asText();
                    tokens.put(key, new Token(accessToken, renewAt));
                    return accessToken;
                });
    }

    /** Drops the token for {@code configuration} after the EHR refused it (401), so the next write asks for a new one. */
    void forget(KnownConfiguration configuration) {
        tokens.remove(clients.clientIdOf(configuration.environment) + " " + configuration.fhirBaseUrl);
    }
}
