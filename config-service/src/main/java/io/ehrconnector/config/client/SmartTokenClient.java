package io.ehrconnector.config.client;

import io.ehrconnector.support.ehr.EhrWebClients;
import io.ehrconnector.support.ehr.SmartCodeExchange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Exchanges a SMART authorization code at an EHR's token endpoint (authorization code + PKCE, client authenticated by a
 * private_key_jwt assertion). The tokens are never kept or logged: the caller only learns whether Epic accepted, or which
 * OAuth error it gave.
 */
@ApplicationScoped
public class SmartTokenClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebClient client;

    SmartTokenClient(Vertx vertx, FhirClientConfig config) {
        this.client = EhrWebClients.create(vertx, config.trustStore(), config.probe().connectTimeout(),
                config.probe().idleTimeout());
    }

    /** The outcome of a code exchange: accepted, or the OAuth error code (e.g. invalid_client) Epic answered with. */
    public record Outcome(boolean accepted, String error) {
    }

    public Uni<Outcome> exchange(String tokenEndpoint, String code, String redirectUri, String codeVerifier,
                                 String clientId, String clientAssertion) {
        return SmartCodeExchange.exchange(client, tokenEndpoint, code, redirectUri, codeVerifier, clientId, clientAssertion,
                        TIMEOUT)
                .map(answer -> answer.accepted() ? new Outcome(true, null) : new Outcome(false, answer.error()));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
