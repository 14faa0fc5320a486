package io.ehrconnector.testing.standins;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * Serves a {@link Router} inside WireMock: one catch-all stub whose response a transformer computes from the router (the
 * stand-ins keep state, e.g. createOrGet idempotency). WireMock still journals every request, so tests may use its
 * {@code verify(...)}; a test may also add its own higher-priority stubs to force odd answers.
 */
final class WireMockHost implements AutoCloseable {

    /** Priority of the catch-all stub; WireMock's 1 is highest, so tests' own stubs (default 5) win over it. */
    private static final int CATCH_ALL_PRIORITY = 10;

    private final String transformerName;
    private final WireMockConfiguration options;
    private final Router router;
    private WireMockServer server;
    private volatile String httpBaseUrl;
    private volatile String httpsBaseUrl;

    WireMockHost(String name, WireMockConfiguration options, Router router) {
        this.transformerName = name + "-router";
        // Templating off: the router computes every answer, and loading Handlebars costs start-up time.
        this.options = options.bindAddress("127.0.0.1").templatingEnabled(false).gzipDisabled(true)
                .containerThreads(16).jettyAcceptors(1).extensions(new RouterTransformer());
        this.router = router;
    }

    synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new WireMockServer(options);
        server.start();
        httpBaseUrl = server.getOptions().getHttpDisabled() ? null : "http://127.0.0.1:" + server.port();
        httpsBaseUrl = server.getOptions().httpsSettings().enabled() ? "https://127.0.0.1:" + server.httpsPort() : null;
        server.stubFor(any(anyUrl()).atPriority(CATCH_ALL_PRIORITY).willReturn(aResponse().withTransformers(transformerName)));
    }

    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    WireMockServer server() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server;
    }

    /** The plain HTTP base URL; still answers after stop(), so callers can name where the stand-in was. */
    String httpBaseUrl() {
        return requireStarted(httpBaseUrl);
    }

    String httpsBaseUrl() {
        return requireStarted(httpsBaseUrl);
    }

    private static String requireStarted(String url) {
        if (url == null) {
            throw new IllegalStateException("not started (or that scheme is disabled)");
        }
        return url;
    }

    private final class RouterTransformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return transformerName;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            StandInResponse response = router.dispatch(toStandInRequest(serveEvent.getRequest()));
            ResponseDefinitionBuilder builder = aResponse().withStatus(response.status()).withBody(response.body());
            response.headers().forEach(builder::withHeader);
            return builder.build();
        }
    }

    private static StandInRequest toStandInRequest(Request request) {
        URI uri = URI.create(request.getUrl());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        if (!headers.containsKey("Host") && request.getHost() != null) {
            headers.put("Host", List.of(request.getHost() + ":" + request.getPort()));
        }
        return new StandInRequest(Instant.now(), request.getMethod().getName(), uri.getRawPath(), uri.getRawQuery(),
                headers, request.getBody(), null);
    }
}
