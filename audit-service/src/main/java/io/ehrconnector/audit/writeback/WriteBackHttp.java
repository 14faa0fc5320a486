package io.ehrconnector.audit.writeback;

import io.ehrconnector.support.ehr.EhrWebClients;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The one web client audit-service calls EHRs with (discovery, token, FHIR writes). */
@ApplicationScoped
class WriteBackHttp {

    private final WebClient client;

    WriteBackHttp(Vertx vertx, EhrConnection settings) {
        this.client = EhrWebClients.create(vertx, settings.trustStore(), settings.connectTimeout(),
                settings.requestTimeout());
    }

    WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
