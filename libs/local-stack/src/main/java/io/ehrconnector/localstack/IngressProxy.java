package io.ehrconnector.localstack;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the production ingress does, on one local port: routes each request by its path to a service ({@link IngressRoutes})
 * and passes the browser's host and scheme on as {@code X-Forwarded-Host} / {@code X-Forwarded-Proto}, so the connector's
 * public URL is one address a browser can use and the services build their redirect URIs and cookies for it. The services
 * behind it trust those headers from 127.0.0.1 only ({@link #SERVICE_SETTINGS}).
 */
final class IngressProxy implements AutoCloseable {

    /** What a service behind this proxy is configured with: take the forwarded host and scheme from it, and only from it. */
    static final Map<String, String> SERVICE_SETTINGS = Map.of(
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
            "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
            "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST", "true",
            "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");

    /** Hop-by-hop headers (RFC 9110 7.6.1) and those the JDK client sets itself; never copied across. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings", "date", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for");

    private final IngressRoutes routes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final LoopbackHttpServer server;

    private IngressProxy(int port, IngressRoutes routes) {
        this.routes = routes;
        this.server = LoopbackHttpServer.start(port, this::forward);
    }

    static IngressProxy start(int port, IngressRoutes routes) {
        return new IngressProxy(port, routes);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            URI target = routes.target(exchange.getRequestURI());
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host != null) {
                request.header("X-Forwarded-Host", host);
            }
            request.header("X-Forwarded-Proto", "http");
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                answer(exchange, 502, target.getHost() + ":" + target.getPort() + " is not answering: " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            relay(exchange, response);
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.statusCode() == 204
                || response.statusCode() == 304 || length.orElse(-1) == 0;
        // The JDK server takes -1 for no body and 0 for a body of unknown length (sent chunked).
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length.orElse(0));
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            // Flushed as read, so that a stream (the live roster's server-sent events) reaches the browser as it comes.
            for (int read; !noBody && (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
