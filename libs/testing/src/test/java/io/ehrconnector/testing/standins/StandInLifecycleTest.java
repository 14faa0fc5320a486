package io.ehrconnector.testing.standins;

import io.ehrconnector.testing.FreePorts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each stand-in starts quickly on a fixed or ephemeral port, answers there, and frees the port when stopped. */
class StandInLifecycleTest {

    /** Generous against a loaded CI machine; the figures printed are typically far lower. */

    @Test
    void ehrStandIn() throws Exception {
        check("ehr", EhrStandIn::new, EhrStandIn::start, EhrStandIn::baseUrl, EhrStandIn::stop,
                s -> s.fhirBaseUrl() + "/.well-known/smart-configuration", 200);
    }

    @Test
    void entraIdStandIn() throws Exception {
        check("entra", EntraIdStandIn::new, EntraIdStandIn::start, EntraIdStandIn::baseUrl, EntraIdStandIn::stop,
                s -> s.discoveryUrl("organizations"), 200);
    }

    @Test
    void graphStandIn() throws Exception {
        check("graph", GraphStandIn::new, GraphStandIn::start, GraphStandIn::baseUrl, GraphStandIn::stop,
                s -> s.graphBaseUrl() + "/users/x", 401);
    }

    @Test
    void acsStandInNeedsItsOwnTrust() throws Exception {
        try (AcsStandIn acs = new AcsStandIn(0).start()) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(acs.sslContext()).build();
            HttpResponse<String> unsigned = trusting.send(HttpRequest.newBuilder(URI.create(acs.endpoint() + "/phoneNumbers")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unsigned.statusCode());
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(acs.endpoint() + "/phoneNumbers")).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue(acs.connectionString().startsWith("endpoint=https://127.0.0.1:"));
        }
    }

    private static <S> void check(String name, IntFunction<S> create, Function<S, S> start, Function<S, String> baseUrl,
                                  java.util.function.Consumer<S> stop, Function<S, String> probe, int expectedStatus)
            throws Exception {
        S ephemeral = create.apply(0);
        long began = System.nanoTime();
        start.apply(ephemeral);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("stand-in %s started in %d ms%n", name, took.toMillis());
        try {
            assertEquals(expectedStatus, status(probe.apply(ephemeral)));
        } finally {
            stop.accept(ephemeral);
        }

        int port = FreePorts.next();
        S fixed = create.apply(port);
        start.apply(fixed);
        try {
            assertEquals("http://127.0.0.1:" + port, baseUrl.apply(fixed));
            assertEquals(expectedStatus, status(probe.apply(fixed)));
        } finally {
            stop.accept(fixed);
        }
        assertThrows(IOException.class, () -> status(probe.apply(fixed)));
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
