package io.ehrconnector.localstack;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on 127.0.0.1, each exchange on a virtual thread: for the local stack's own small servers. */
final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LoopbackHttpServer start(int port, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind port " + port, e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
