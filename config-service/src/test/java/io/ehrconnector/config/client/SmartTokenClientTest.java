package io.ehrconnector.config.client;

import com.sun.net.httpserver.HttpServer;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code exchange learns only "accepted" or the OAuth error, and an endless answer cannot fill the memory. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class SmartTokenClientTest {

    @Inject
    SmartTokenClient client;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAcceptedExchangeAndAnOAuthErrorAreTold() throws IOException {
        String endpoint = serve("/ok", 200, "{\"access_token\":\"secret\",\"token_type\":\"Bearer\"}");
        serveAlso("/refused", 400, "{\"error\":\"invalid_client\",\"error_description\":\"<script>\"}");
        assertTrue(exchange(endpoint + "/ok").accepted());
        SmartTokenClient.Outcome refused = exchange(endpoint + "/refused");
        assertFalse(refused.accepted());
        assertEquals("invalid_client", refused.error());
    }

    @Test
    void anOversizedAnswerIsCutOffAndCountsAsNotAccepted() throws IOException {
        // A well-formed, successful token response, only far too large: without the limit it would be "accepted".
        String endpoint = serve("/small", 200, "{\"access_token\":\"t\",\"padding\":\"" + "x".repeat(1_000) + "\"}");
        serveAlso("/huge", 200, "{\"access_token\":\"t\",\"padding\":\"" + "x".repeat(2_000_000) + "\"}");
        assertTrue(exchange(endpoint + "/small").accepted());
        assertFalse(exchange(endpoint + "/huge").accepted());
    }

    private SmartTokenClient.Outcome exchange(String tokenEndpoint) {
        return client.exchange(tokenEndpoint, "code", "https://connector/cb", "verifier", "client", "assertion")
                .await().atMost(Duration.ofSeconds(30));
    }

    private String serve(String path, int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serveAlso(path, status, body);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serveAlso(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
