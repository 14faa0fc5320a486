package io.ehrconnector.launch.smart;

import io.ehrconnector.support.ehr.EhrWebClients;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The one web client launch-service calls EHRs with (discovery, JWKS, token exchange). */
@ApplicationScoped
public class EhrHttp {

    private final WebClient client;

    EhrHttp(Vertx vertx, EhrClientSettings settings) {
        this.client = EhrWebClients.create(vertx, settings.trustStore(), settings.connectTimeout(),
                settings.requestTimeout());
    }

    public WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
