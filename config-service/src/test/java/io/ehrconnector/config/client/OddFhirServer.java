package io.ehrconnector.config.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ehrconnector.testing.standins.SelfSignedTls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTPS server (JDK HttpsServer, self-signed certificate for 127.0.0.1 and localhost) that answers each path the
 * way a test tells it to: the failure shapes of a misconfigured or odd FHIR server that the EHR stand-in does not produce.
 * Listens on all interfaces so a test can also reach it under a name the certificate does not cover (127.0.0.2).
 */
final class OddFhirServer implements AutoCloseable {

    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    record Request(String path, String accept) {
    }

    private final SelfSignedTls tls = SelfSignedTls.generate("odd-fhir");
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpsServer server;

    OddFhirServer() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders().getFirst("Accept")));
                Answer answer = answers.get(exchange.getRequestURI().getRawPath());
                if (answer == null) {
                    send(exchange, 404, "text/plain", "not found");
                } else {
                    answer.send(exchange);
                }
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:port} + path. */
    String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    SelfSignedTls tls() {
        return tls;
    }

    List<Request> requests() {
        return requests;
    }

    OddFhirServer on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    OddFhirServer json(String path, int status, String contentType, String body) {
        return on(path, exchange -> send(exchange, status, contentType, body));
    }

    /** A FHIR server at {@code base} that answers metadata and SMART configuration well (R4). */
    OddFhirServer healthyR4(String base) {
        json(base + "/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        json(base + "/.well-known/smart-configuration", 200, "application/json", smartConfiguration(
                "\"https://127.0.0.1:" + port() + "/oauth2/authorize\"", "\"https://127.0.0.1:" + port() + "/oauth2/token\"",
                "[\"S256\"]"));
        return this;
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String capabilityStatement(String resourceType, String fhirVersion) {
        return "{\"resourceType\":\"" + resourceType + "\",\"status\":\"active\",\"kind\":\"instance\",\"fhirVersion\":\""
                + fhirVersion + "\",\"format\":[\"json\"],\"rest\":[{\"mode\":\"server\"}]}";
    }

    static String smartConfiguration(String authorize, String token, String challengeMethods) {
        return "{\"issuer\":\"x\",\"authorization_endpoint\":" + authorize + ",\"token_endpoint\":" + token
                + ",\"code_challenge_methods_supported\":" + challengeMethods
                + ",\"capabilities\":[\"launch-ehr\",\"client-confidential-asymmetric\"]}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        tls.delete();
    }
}
