package io.ehrconnector.testing.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves a {@link Router} with the JDK's built-in HTTP server on 127.0.0.1, over HTTPS when given a server SSLContext. */
final class JdkHttpHost implements AutoCloseable {

    private final int requestedPort;
    private final Router router;
    private final SSLContext tls;
    private HttpServer server;
    private ExecutorService executor;

    JdkHttpHost(int port, Router router) {
        this(port, router, null);
    }

    /** @param tls the server's SSLContext (its key and certificate), or null for plain HTTP */
    JdkHttpHost(int port, Router router, SSLContext tls) {
        this.requestedPort = port;
        this.router = router;
        this.tls = tls;
    }

    synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort);
            if (tls == null) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind port " + requestedPort, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}, or {@code https://...} with TLS. */
    String baseUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            StandInRequest request = new StandInRequest(Instant.now(), exchange.getRequestMethod().toUpperCase(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), in.readAllBytes(), null);
            StandInResponse response = router.dispatch(request);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            boolean noBody = body.length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
