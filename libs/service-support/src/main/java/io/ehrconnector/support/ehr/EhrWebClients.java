package io.ehrconnector.support.ehr;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.time.Duration;

/** The Vert.x web client for calls to an EHR's OAuth 2.0 and FHIR endpoints. */
public final class EhrWebClients {

    /**
     * Connections per EHR host. Vert.x's default of 5 capped every caller at 5 requests in flight per EHR: the audit
     * write-back at about 330 writes a second (bench/run.sh audit-writeback), and launches' code exchanges likewise.
     */
    static final int CONNECTIONS_PER_HOST = 32;

    private EhrWebClients() {
    }

    /**
     * A client that trusts the public CAs plus {@code trustStore}, follows no redirects (an EHR endpoint that redirects is
     * misconfigured, and a redirect could carry a code or an assertion elsewhere) and can cut oversized answers off
     * ({@link LimitedBodyCodec}).
     */
    public static WebClient create(Vertx vertx, EhrTrustStore trustStore, Duration connectTimeout, Duration idleTimeout) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds()))
                .setFollowRedirects(false)
                .setMaxPoolSize(CONNECTIONS_PER_HOST)
                .setUserAgent("ehr-connector");
        EhrTrust.trustOptions(trustStore).ifPresent(options::setTrustOptions);
        WebClient client = WebClient.create(vertx, options);
        LimitedBodyCodec.install(client.getDelegate());
        return client;
    }
}
