package io.ehrconnector.localstack;

import io.ehrconnector.testing.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local-stack command's promise: everything starts, all five services report ready, the public URL routes each path to
 * its service as the production ingress does, and stopping leaves no process and no port behind. Needs the services
 * packaged (the reactor builds this module last).
 */
class LocalStackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void allServicesBecomeReadyBehindTheIngressAndStoppingLeavesNothingBehind() throws Exception {
        StackPorts ports = StackPorts.random();
        LocalStack stack = new LocalStack(Path.of("../.."), ports);
        long started = System.nanoTime();
        List<ServiceProcess> services;
        try {
            stack.start();
            System.out.printf("[local-stack] all services ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
            services = List.copyOf(stack.services());
            assertEquals(SuiteService.ALL.size(), services.size());
            services.forEach(s -> assertTrue(s.isReady(), s.service().name() + " is not ready"));

            String publicUrl = "http://localhost:" + ports.ingress();
            HttpResponse<String> launch = get(publicUrl + "/launch/test/provider");
            assertEquals(400, launch.statusCode(), "launch-service's refusal of a launch without iss: " + launch.body());
            assertTrue(launch.body().contains("Not launched from Epic"), launch.body());
            HttpResponse<String> jwks = get(publicUrl + "/jwks/test");
            assertEquals(200, jwks.statusCode(), jwks.body());
            assertTrue(jwks.body().contains("\"keys\""), "config-service's JWK Set: " + jwks.body());
            assertEquals(200, get("http://localhost:" + ports.launchPad() + "/").statusCode());
            HttpResponse<String> reports = get(publicUrl + "/reports");
            assertEquals(302, reports.statusCode(), "audit-service's report pages send the anonymous to sign in");
            assertTrue(reports.headers().firstValue("Location").orElseThrow().contains("%2Freports%2Fsigned-in"),
                    reports.headers().toString());
        } finally {
            stack.close();
        }
        services.forEach(s -> assertFalse(s.isAlive(), s.service().name() + " still runs"));
        ports.all().forEach(port -> assertTrue(FreePorts.isFree(port), "port " + port + " is still taken"));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
