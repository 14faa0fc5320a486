package io.ehrconnector.launch.links;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConfigurationSnapshot.Status;
import io.ehrconnector.events.Topics;
import io.ehrconnector.launch.meeting.VisitMeeting;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS join links end to end: {@code GET /v/{token}} (the page, which opens nothing) and its {@code POST /v/{token}} (the
 * visit), with tokens made as sms-service makes them, real PostgreSQL and Kafka, the Graph and Entra ID stand-ins behind the
 * real SDKs.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class JoinLinkTest {

    private static final Instant VISIT_END = Instant.now().plus(Duration.ofHours(2));

    @Inject
    VisitMeetings meetings;

    @InjectStandIn
    GraphStandIn graph;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();
    private ConfigurationSnapshot configuration;
    private String csn;

    @BeforeEach
    void approvedConfiguration() {
        configuration = publish(UUID.randomUUID().toString(), Status.APPROVED);
        csn = "CSN" + System.nanoTime();
    }

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    // ---- the patient's click ------------------------------------------------------------------------------------------

    @Test
    void openingALinkAnswersAPageThatPostsBackAtOnceAndOpensNothing() {
        String token = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);

        for (int fetch = 0; fetch < 3; fetch++) {
            Response page = open(token);
            assertEquals(200, page.statusCode(), page.asString());
            assertTrue(page.contentType().startsWith("text/html"), page.contentType());
            assertEquals("no-store", page.header("Cache-Control"));
            assertEquals("no-referrer", page.header("Referrer-Policy"));
            String csp = page.header("Content-Security-Policy");
            Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]{16,})'").matcher(csp);
            assertTrue(nonce.find(), csp);
            assertTrue(csp.startsWith("default-src 'none';"), "the page loads nothing: " + csp);
            String html = page.asString();
            assertTrue(html.contains("<script nonce=\"" + nonce.group(1) + "\">"), html);
            assertTrue(html.contains("<form id=\"continue\" method=\"post\">"), "posts back to its own address: " + html);
            assertTrue(html.contains("<button type=\"submit\">"), "works without script: " + html);
            assertFalse(html.contains(token.substring(0, 12)), "never shows the token");
            assertFalse(html.contains("src=") || html.contains("href="), "no external resources: " + html);
        }
        assertEquals(200, given().urlEncodingEnabled(false).head("/v/" + token).statusCode());

        assertNoMeetingMade();
        assertTrue(kafka.awaitRecord(Topics.VISIT_LAUNCHES, r -> r.value().contains("\"" + csn + "\""),
                Duration.ofSeconds(3)).isEmpty(), "a preview fetch is no launch");
    }

    @Test
    void postingBackGoesToTheVisitsMeetingAndIsAnnounced() {
        Response joined = join(TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END));

        assertEquals(303, joined.statusCode(), joined.asString());
        assertEquals("no-store", joined.header("Cache-Control"));
        assertEquals("no-referrer", joined.header("Referrer-Policy"));
        VisitMeeting meeting = theVisitsMeeting();
        assertEquals(meeting.joinWebUrl(), joined.header("Location"), "the meeting the provider's launch gets too");

        JsonNode event = launchEvent();
        assertEquals(configuration.configurationId(), event.path("configurationId").asText());
        assertEquals("SMS", event.path("ehrClient").asText());
        assertEquals(meeting.meetingId(), event.path("meetingId").asText());
        assertTrue(event.path("ehrUserId").isMissingNode() || event.path("ehrUserId").isNull(), "patients are not named");
    }

    @Test
    void everyLinkOfOneVisitOpensTheSameMeeting() {
        String reminder = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        String confirmation = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END.plus(Duration.ofDays(1)));
        String otherVisit = TestJoinLinks.mint(configuration.configurationId(), csn + "-2", VISIT_END);

        String first = join(reminder).header("Location");
        assertEquals(first, join(confirmation).header("Location"));
        assertEquals(first, join(reminder).header("Location"));
        assertFalse(first.equals(join(otherVisit).header("Location")));
    }

    // ---- refusals: a page, never a redirect ---------------------------------------------------------------------------

    @Test
    void anExpiredLinkGetsAGonePage() {
        String token = TestJoinLinks.mint(configuration.configurationId(), csn, Instant.now().minusSeconds(120));
        for (Response refused : List.of(open(token), join(token))) {
            assertRefusalPage(refused, 410, token);
            assertTrue(refused.asString().contains("expired"), refused.asString());
        }
        assertNoMeetingMade();
    }

    @Test
    void forgedTamperedTruncatedAndOversizedLinksGetANotFoundPage() {
        String token = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        char[] tampered = token.toCharArray();
        tampered[30] = tampered[30] == 'A' ? 'B' : 'A';
        List<String> bad = List.of(
                TestJoinLinks.forge(configuration.configurationId(), csn, VISIT_END),
                new String(tampered),
                token.substring(0, token.length() - 1),
                token + "AAAA",
                "A".repeat(2000),
                "not-a-token");
        for (String forged : bad) {
            for (Response refused : List.of(open(forged), join(forged))) {
                assertRefusalPage(refused, 404, forged);
                assertTrue(refused.asString().contains("does not work"), refused.asString());
            }
        }
        assertNoMeetingMade();
    }

    @Test
    void aLinkOfAnUnknownDisabledOrPendingConfigurationGetsANotFoundPage() {
        String unknown = TestJoinLinks.mint(UUID.randomUUID().toString(), csn, VISIT_END);
        assertRefusalPage(open(unknown), 404, unknown);
        assertRefusalPage(join(unknown), 404, unknown);

        String token = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        publish(configuration.configurationId(), Status.DISABLED);
        assertRefusalPage(open(token), 404, token);
        assertRefusalPage(join(token), 404, token);
        publish(configuration.configurationId(), Status.PENDING_APPROVAL);
        assertRefusalPage(open(token), 404, token);
        assertRefusalPage(join(token), 404, token);
        assertNoMeetingMade();

        publish(configuration.configurationId(), Status.APPROVED);
        assertEquals(200, open(token).statusCode(), "approved again, the same link works again");
        assertEquals(303, join(token).statusCode());
    }

    @Test
    void whenTeamsFailsThePatientGetsAPageToTryAgain() {
        String token = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        graph.failNextRequests(1, 500);

        Response refused = join(token);

        assertRefusalPage(refused, 503, token);
        assertTrue(refused.asString().contains("Try again"), refused.asString());
        assertEquals(303, join(token).statusCode());
    }

    @Test
    void anotherMethodIsRefusedWithoutEchoingTheToken() {
        String token = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        for (Response refused : List.of(given().redirects().follow(false).put("/v/" + token),
                given().redirects().follow(false).delete("/v/" + token))) {
            assertRefusalPage(refused, 405, token);
            assertEquals("GET, HEAD, POST", refused.header("Allow"));
        }
        assertNoMeetingMade();
    }

    @Test
    void tokensNeverReachTheLogs() {
        String valid = TestJoinLinks.mint(configuration.configurationId(), csn, VISIT_END);
        String expired = TestJoinLinks.mint(configuration.configurationId(), csn, Instant.now().minusSeconds(120));
        String forged = TestJoinLinks.forge(configuration.configurationId(), csn, VISIT_END);
        String unknown = TestJoinLinks.mint(UUID.randomUUID().toString(), csn, VISIT_END);
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            graph.failNextRequests(1, 500);
            for (String token : List.of(valid, valid, expired, forged, unknown)) {
                open(token);
                join(token);
            }
        } finally {
            root.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "the refusals were logged (without tokens)");
        for (String token : List.of(valid, expired, forged, unknown)) {
            String part = token.substring(10, 30);
            assertTrue(logged.stream().noneMatch(line -> line.contains(part)), String.join("\n", logged));
        }
        String accessLogExclusion = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.access-log.exclude-pattern", String.class).orElse("(?!)");
        assertTrue(("/v/" + valid).matches(accessLogExclusion), "join links stay out of access logs if they are switched on");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private ConfigurationSnapshot publish(String configurationId, Status status) {
        return ApprovedConfigurationFixture.publish(kafka, configurationId, EntraDirectory.CONTOSO.id(), Environment.TEST,
                status, List.of());
    }

    /** What a browser or a link previewer fetches. */
    private static Response open(String token) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get("/v/" + token);
    }

    /** What the page posts back, as a browser submits its empty form. */
    private static Response join(String token) {
        return given().urlEncodingEnabled(false).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").body("").post("/v/" + token);
    }

    private static void assertRefusalPage(Response refused, int status, String token) {
        assertEquals(status, refused.statusCode(), refused.asString());
        assertNull(refused.header("Location"), "never a redirect");
        assertTrue(refused.contentType().startsWith("text/html"), refused.contentType());
        assertEquals("no-store", refused.header("Cache-Control"));
        assertFalse(refused.asString().contains(token.substring(0, Math.min(token.length(), 12))), "never echoes the token");
    }

    private VisitMeeting theVisitsMeeting() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> meetings.meetingFor(configuration, csn));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private void assertNoMeetingMade() {
        assertEquals(0L, ((Number) ServiceDatabase.value("select count(*) from visit_meeting where configuration_id = ?"
                + " and meeting_key = ?", configuration.configurationId(), csn)).longValue(), "no meeting for the visit");
    }

    private JsonNode launchEvent() {
        var record = kafka.awaitRecord(Topics.VISIT_LAUNCHES, r -> r.value().contains("\"" + csn + "\"")
                        && r.value().contains("\"SMS_LINK\""), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no SMS_LINK launch event for " + csn));
        return CloudEventCodec.mapper().valueToTree(CloudEventCodec.fromJson(record.value()).data());
    }
}
