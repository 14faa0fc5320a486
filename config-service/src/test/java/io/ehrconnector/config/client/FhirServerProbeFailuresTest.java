package io.ehrconnector.config.client;

import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ehrconnector.config.client.OddFhirServer.capabilityStatement;
import static io.ehrconnector.config.client.OddFhirServer.smartConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against a small HTTPS server that answers the way broken or odd FHIR servers do; each failure must come back
 * as one problem with its own code and a message that says what to fix, without quoting what the server sent.
 */
class FhirServerProbeFailuresTest {

    private static final String PHI = "Jane Doe";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static OddFhirServer odd;
    private static FhirServerProbe probe;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        odd = new OddFhirServer();
        probe = new FhirServerProbe(vertx, TestProbeConfig.trusting(odd.tls()));
    }

    @AfterAll
    static void stop() {
        probe.close();
        odd.close();
        vertx.closeAndAwait();
    }

    @Test
    void aHealthyServerPassesWithItsEndpoints() {
        odd.healthyR4("/ok/api/FHIR/R4");
        ProbeResult result = run(odd.url("/ok/api/FHIR/R4/"));
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(odd.url("/ok/api/FHIR/R4"), result.fhirBaseUrl());
        assertEquals(FhirVersion.R4, result.fhirVersion());
        assertEquals(URI.create(odd.url("/oauth2/authorize")), result.authorizationEndpoint());
        assertEquals(URI.create(odd.url("/oauth2/token")), result.tokenEndpoint());
        assertTrue(result.jwksUri().isEmpty());
        assertTrue(odd.requests().contains(new OddFhirServer.Request("/ok/api/FHIR/R4/metadata", FhirServerProbe.FHIR_JSON)),
                odd.requests().toString());
    }

    @Test
    void aDstu2ServerAtADstu2UrlPasses() {
        odd.json("/d2/api/FHIR/DSTU2/metadata", 200, "application/json+fhir", capabilityStatement("Conformance", "1.0.2"));
        odd.json("/d2/api/FHIR/DSTU2/.well-known/smart-configuration", 200, "application/json",
                smartConfiguration("\"https://ehr.example/authorize\"", "\"" + odd.url("/oauth2/token") + "\"", "[\"S256\"]"));
        ProbeResult result = run(odd.url("/d2/api/FHIR/DSTU2"));
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(FhirVersion.DSTU2, result.fhirVersion());
    }

    @Test
    void metadataAnswering500IsReportedWithoutItsBodyAndSmartIsStillChecked() {
        odd.json("/e500/api/FHIR/R4/metadata", 500, "text/plain", "NullPointerException while loading " + PHI);
        odd.json("/e500/api/FHIR/R4/.well-known/smart-configuration", 200, "application/json",
                smartConfiguration("\"https://ehr.example/authorize\"", "\"" + odd.url("/oauth2/token") + "\"", "[\"S256\"]"));
        ProbeResult result = run(odd.url("/e500/api/FHIR/R4"));
        ProbeProblem problem = only(result, ProbeProblem.Code.METADATA_UNAVAILABLE);
        assertTrue(problem.message().contains("HTTP 500"), problem.message());
        assertTrue(problem.message().contains("Try again later"), problem.message());
        assertNotNull(result.tokenEndpoint(), "the SMART configuration was still read");
    }

    @Test
    void metadataNotFoundSaysThereIsNoFhirServerAtThePath() {
        odd.healthyR4("/nf/api/FHIR/R4");
        odd.json("/nf/api/FHIR/R4/metadata", 404, "text/plain", "");
        ProbeProblem problem = only(run(odd.url("/nf/api/FHIR/R4")), ProbeProblem.Code.METADATA_UNAVAILABLE);
        assertTrue(problem.message().contains("no FHIR server at this URL"), problem.message());
    }

    @Test
    void aWebPageInsteadOfMetadataIsRecognised() {
        odd.healthyR4("/html/api/FHIR/R4");
        odd.json("/html/api/FHIR/R4/metadata", 200, "text/html; charset=utf-8", "<html><body>Welcome " + PHI + "</body></html>");
        ProbeProblem problem = only(run(odd.url("/html/api/FHIR/R4")), ProbeProblem.Code.METADATA_NOT_FHIR);
        assertTrue(problem.message().contains("web page"), problem.message());
    }

    @Test
    void metadataThatIsNotJsonAtAllIsRecognised() {
        odd.healthyR4("/garbage/api/FHIR/R4");
        odd.json("/garbage/api/FHIR/R4/metadata", 200, "application/fhir+json", "{\"resourceType\": " + PHI);
        only(run(odd.url("/garbage/api/FHIR/R4")), ProbeProblem.Code.METADATA_NOT_FHIR);
    }

    @Test
    void metadataOfTheWrongResourceTypeIsRecognised() {
        odd.healthyR4("/patient/api/FHIR/R4");
        odd.json("/patient/api/FHIR/R4/metadata", 200, "application/fhir+json",
                "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + PHI + "\"}]}");
        ProbeProblem problem = only(run(odd.url("/patient/api/FHIR/R4")), ProbeProblem.Code.METADATA_NOT_FHIR);
        assertTrue(problem.message().contains("CapabilityStatement"), problem.message());
    }

    @Test
    void aDstu2UrlOnAnR4ServerIsAVersionMismatchNamingTheFix() {
        odd.json("/mix/api/FHIR/DSTU2/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        odd.json("/mix/api/FHIR/DSTU2/.well-known/smart-configuration", 200, "application/json",
                smartConfiguration("\"https://ehr.example/authorize\"", "\"" + odd.url("/oauth2/token") + "\"", "[\"S256\"]"));
        ProbeProblem problem = only(run(odd.url("/mix/api/FHIR/DSTU2")), ProbeProblem.Code.VERSION_MISMATCH);
        assertTrue(problem.message().contains("ends in /DSTU2"), problem.message());
        assertTrue(problem.message().contains("speaks FHIR R4 (fhirVersion 4.0.1)"), problem.message());
    }

    @Test
    void anUnsupportedReleaseIsAVersionMismatch() {
        odd.healthyR4("/stu3/api/FHIR/R4");
        odd.json("/stu3/api/FHIR/R4/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "3.0.2"));
        ProbeProblem problem = only(run(odd.url("/stu3/api/FHIR/R4")), ProbeProblem.Code.VERSION_MISMATCH);
        assertTrue(problem.message().contains("does not support (fhirVersion 3.0.2)"), problem.message());
    }

    @Test
    void aMissingSmartConfigurationAsksForSmartToBeEnabled() {
        odd.json("/nosmart/api/FHIR/R4/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        ProbeResult result = run(odd.url("/nosmart/api/FHIR/R4"));
        ProbeProblem problem = only(result, ProbeProblem.Code.SMART_CONFIGURATION_UNAVAILABLE);
        assertTrue(problem.message().contains("HTTP 404"), problem.message());
        assertTrue(problem.message().contains("enable SMART on FHIR"), problem.message());
        assertNull(result.authorizationEndpoint());
    }

    @Test
    void aSmartConfigurationWithoutS256IsAPkceProblem() {
        odd.healthyR4("/plain/api/FHIR/R4");
        odd.json("/plain/api/FHIR/R4/.well-known/smart-configuration", 200, "application/json",
                smartConfiguration("\"https://ehr.example/authorize\"", "\"" + odd.url("/oauth2/token") + "\"", "[\"plain\"]"));
        ProbeResult result = run(odd.url("/plain/api/FHIR/R4"));
        ProbeProblem problem = only(result, ProbeProblem.Code.PKCE_S256_NOT_SUPPORTED);
        assertTrue(problem.message().contains("S256"), problem.message());
        assertNotNull(result.authorizationEndpoint(), "the endpoints are still reported");

        odd.json("/nopkce/api/FHIR/R4/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        odd.json("/nopkce/api/FHIR/R4/.well-known/smart-configuration", 200, "application/json",
                "{\"authorization_endpoint\":\"https://ehr.example/a\",\"token_endpoint\":\"" + odd.url("/oauth2/token") + "\"}");
        only(run(odd.url("/nopkce/api/FHIR/R4")), ProbeProblem.Code.PKCE_S256_NOT_SUPPORTED);
    }

    @Test
    void aTokenEndpointOnAnotherHostIsRefusedUnlessTheOperatorAllowsThatHost() {
        odd.json("/elsewhere/api/FHIR/R4/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        odd.json("/elsewhere/api/FHIR/R4/.well-known/smart-configuration", 200, "application/json",
                smartConfiguration("\"" + odd.url("/oauth2/authorize") + "\"", "\"https://collector.example/token\"", "[\"S256\"]"));
        ProbeResult refused = run(odd.url("/elsewhere/api/FHIR/R4"));
        only(refused, ProbeProblem.Code.TOKEN_ENDPOINT_ELSEWHERE);
        assertTrue(refused.problems().get(0).message().contains("collector.example"), refused.problems().toString());
        assertTrue(refused.problems().get(0).message().contains("ehr.fhir.token-endpoint-hosts"), refused.problems().toString());

        FhirServerProbe allowing = new FhirServerProbe(vertx, TestProbeConfig.trusting(odd.tls()).allowingTokenHosts("Collector.Example"));
        try {
            ProbeResult allowed = allowing.probe(odd.url("/elsewhere/api/FHIR/R4")).await().atMost(WAIT);
            assertTrue(allowed.ok(), allowed.problems().toString());
            assertEquals(URI.create("https://collector.example/token"), allowed.tokenEndpoint());
        } finally {
            allowing.close();
        }
    }

    @Test
    void smartEndpointsMustBeAbsoluteHttpsUrls() {
        odd.json("/badsmart/api/FHIR/R4/metadata", 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        odd.json("/badsmart/api/FHIR/R4/.well-known/smart-configuration", 200, "application/json",
                "{\"authorization_endpoint\":\"http://ehr.example/authorize\",\"jwks_uri\":\"/jwks\","
                        + "\"code_challenge_methods_supported\":[\"S256\"]}");
        ProbeResult result = run(odd.url("/badsmart/api/FHIR/R4"));
        assertEquals(3, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().stream().allMatch(p -> p.code() == ProbeProblem.Code.SMART_CONFIGURATION_INVALID));
        String messages = result.problems().toString();
        assertTrue(messages.contains("authorization_endpoint is not an absolute https URL"), messages);
        assertTrue(messages.contains("has no token_endpoint"), messages);
        assertTrue(messages.contains("jwks_uri is not an absolute https URL"), messages);
        assertNull(result.tokenEndpoint());
    }

    @Test
    void aHugeResponseIsCutOffWithAProblemAndTheConnectionClosed() throws Exception {
        long total = 256L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CompletableFuture<Long> finished = new CompletableFuture<>();
        odd.healthyR4("/huge/api/FHIR/R4");
        odd.on("/huge/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < total) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException closedByClient) {
                // expected: the probe closed the connection
            } finally {
                finished.complete(written.get());
            }
        });
        FhirServerProbe small = new FhirServerProbe(vertx, TestProbeConfig.trusting(odd.tls()).maxResponseBytes(1024 * 1024));
        try {
            ProbeResult result = small.probe(odd.url("/huge/api/FHIR/R4")).await().atMost(WAIT);
            ProbeProblem problem = only(result, ProbeProblem.Code.RESPONSE_TOO_LARGE);
            assertTrue(problem.message().contains("more than 1048576 bytes"), problem.message());
            long sent = finished.get(30, TimeUnit.SECONDS);
            assertTrue(sent < total / 4, "the server stopped early because the client closed, sent " + sent);
            assertNotNull(result.tokenEndpoint(), "a cut-off metadata answer does not stop the SMART check");
        } finally {
            small.close();
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        odd.on("/slow/api/FHIR/R4/metadata", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            OddFhirServer.send(exchange, 200, "application/fhir+json", capabilityStatement("CapabilityStatement", "4.0.1"));
        });
        FhirServerProbe impatient = new FhirServerProbe(vertx,
                TestProbeConfig.trusting(odd.tls()).idleTimeout(Duration.ofMillis(400)));
        try {
            long began = System.nanoTime();
            ProbeResult result = impatient.probe(odd.url("/slow/api/FHIR/R4")).await().atMost(WAIT);
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            ProbeProblem problem = only(result, ProbeProblem.Code.TIMEOUT);
            assertTrue(problem.message().contains("did not answer"), problem.message());
            assertTrue(tookMillis < 4_000, "gave up after the idle timeout, not the server's delay: " + tookMillis + " ms");
        } finally {
            impatient.close();
        }
    }

    @Test
    void theWholeProbeIsBoundedEvenIfTheServerTrickles() throws Exception {
        AtomicLong written = new AtomicLong();
        CompletableFuture<Long> finished = new CompletableFuture<>();
        odd.on("/trickle/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    written.incrementAndGet();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the probe gave up and closed the connection
            } finally {
                finished.complete(written.get());
            }
        });
        FhirServerProbe bounded = new FhirServerProbe(vertx, TestProbeConfig.trusting(odd.tls())
                .idleTimeout(Duration.ofSeconds(2)).totalTimeout(Duration.ofSeconds(1)));
        try {
            ProbeProblem problem = only(bounded.probe(odd.url("/trickle/api/FHIR/R4")).await().atMost(WAIT),
                    ProbeProblem.Code.TIMEOUT);
            assertTrue(problem.message().contains("within 1 s"), problem.message());
            long sent = finished.get(10, TimeUnit.SECONDS);
            assertTrue(sent < 50, "the connection was closed when the probe gave up, after " + sent + " bytes");
        } finally {
            bounded.close();
        }
    }

    @Test
    void redirectsToAnotherHostOrToHttpAreNotFollowed() {
        odd.healthyR4("/away/api/FHIR/R4");
        odd.on("/away/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "https://elsewhere.example/api/FHIR/R4/metadata");
            exchange.sendResponseHeaders(302, -1);
        });
        ProbeProblem away = only(run(odd.url("/away/api/FHIR/R4")), ProbeProblem.Code.REDIRECTED);
        assertTrue(away.message().contains("https://elsewhere.example"), away.message());

        odd.healthyR4("/down/api/FHIR/R4");
        odd.on("/down/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + odd.port() + "/ok/api/FHIR/R4/metadata");
            exchange.sendResponseHeaders(301, -1);
        });
        ProbeProblem down = only(run(odd.url("/down/api/FHIR/R4")), ProbeProblem.Code.REDIRECTED);
        assertTrue(down.message().contains("plain http"), down.message());
    }

    @Test
    void aRedirectOnTheSameServerIsFollowedButNotForever() {
        odd.healthyR4("/target/api/FHIR/R4");
        odd.healthyR4("/moved/api/FHIR/R4");
        odd.on("/moved/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "/target/api/FHIR/R4/metadata");
            exchange.sendResponseHeaders(301, -1);
        });
        ProbeResult moved = run(odd.url("/moved/api/FHIR/R4"));
        assertTrue(moved.ok(), moved.problems().toString());
        assertTrue(odd.requests().stream().anyMatch(r -> r.path().equals("/target/api/FHIR/R4/metadata")));

        odd.healthyR4("/loop/api/FHIR/R4");
        odd.on("/loop/api/FHIR/R4/metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", odd.url("/loop/api/FHIR/R4/metadata"));
            exchange.sendResponseHeaders(307, -1);
        });
        ProbeProblem loop = only(run(odd.url("/loop/api/FHIR/R4")), ProbeProblem.Code.REDIRECTED);
        assertTrue(loop.message().contains("more than 3 times"), loop.message());
    }

    @Test
    void aCertificateFromAnUntrustedIssuerIsATlsProblemThatNamesTheTrustStore() {
        odd.healthyR4("/ok/api/FHIR/R4");
        FhirServerProbe publicCasOnly = new FhirServerProbe(vertx, TestProbeConfig.trusting(null));
        try {
            ProbeResult result = publicCasOnly.probe(odd.url("/ok/api/FHIR/R4")).await().atMost(WAIT);
            ProbeProblem problem = only(result, ProbeProblem.Code.TLS_FAILURE);
            assertTrue(problem.message().contains("not issued by a certificate authority this server trusts"), problem.message());
            assertTrue(problem.message().contains("ehr.fhir.trust-store.path"), problem.message());
        } finally {
            publicCasOnly.close();
        }
    }

    @Test
    void aCertificateForAnotherNameIsATlsProblemAboutTheName() {
        odd.healthyR4("/ok/api/FHIR/R4");
        ProbeResult result = run("https://127.0.0.2:" + odd.port() + "/ok/api/FHIR/R4");
        ProbeProblem problem = only(result, ProbeProblem.Code.TLS_FAILURE);
        assertTrue(problem.message().contains("not valid for the name 127.0.0.2"), problem.message());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProbeResult result = run("https://127.0.0.1:" + closed + "/api/FHIR/R4");
        ProbeProblem problem = only(result, ProbeProblem.Code.UNREACHABLE);
        assertTrue(problem.message().contains("https://127.0.0.1:" + closed), problem.message());
        assertEquals("https://127.0.0.1:" + closed + "/api/FHIR/R4", result.fhirBaseUrl());
    }

    @Test
    void anUnknownHostSaysSo() {
        ProbeProblem problem = only(run("https://no-such-ehr.invalid/api/FHIR/R4"), ProbeProblem.Code.UNKNOWN_HOST);
        assertTrue(problem.message().contains("no-such-ehr.invalid"), problem.message());
    }

    @Test
    void syntaxProblemsNeverReachTheNetwork() {
        int before = odd.requests().size();
        ProbeResult http = run("http://127.0.0.1:" + odd.port() + "/ok/api/FHIR/R4");
        assertEquals(ProbeProblem.Code.NOT_HTTPS, only(http, ProbeProblem.Code.NOT_HTTPS).code());
        assertNull(http.fhirBaseUrl());
        only(run(odd.url("/ok/api/FHIR/R5")), ProbeProblem.Code.UNSUPPORTED_VERSION_PATH);
        assertEquals(before, odd.requests().size());
    }

    private static ProbeResult run(String url) {
        return probe.probe(url).await().atMost(WAIT);
    }

    /** The result has exactly one problem, of this code; nothing of what the server sent is quoted. */
    private static ProbeProblem only(ProbeResult result, ProbeProblem.Code code) {
        assertFalse(result.ok());
        assertEquals(1, result.problems().size(), result.problems().toString());
        ProbeProblem problem = result.problems().get(0);
        assertEquals(code, problem.code(), problem.toString());
        assertFalse(problem.message().contains("Jane"), problem.message());
        return problem;
    }
}
