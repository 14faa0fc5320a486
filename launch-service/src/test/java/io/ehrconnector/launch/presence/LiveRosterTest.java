package io.ehrconnector.launch.presence;

import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.launch.presence.PresenceFixtures.WatchedVisit;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphMeetingEvent;
import io.ehrconnector.testing.standins.GraphParticipantIdentity;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.ehrconnector.launch.presence.PresenceFixtures.watchedVisit;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider's live roster: the page a provider launch opens, its server-sent events across the real topic, and what a
 * forged or expired link gets.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class LiveRosterTest {

    @Inject
    VisitMeetings meetings;

    @Inject
    LiveRosterLinks links;

    @Inject
    LiveRosterTokens tokens;

    @Inject
    PresenceKeys keys;

    @InjectStandIn
    GraphStandIn graph;

    @Test
    void aProviderLaunchOpensTheLiveRosterWhichLinksTheTeamsMeeting() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);

        URI entry = links.providerEntry(visit.configuration(), visit.meetingKey(), visit.meeting());

        String prefix = "https://teams-ehr.test.example/visits/live/";
        assertTrue(entry.toString().startsWith(prefix), entry.toString());
        assertFalse(entry.toString().contains(visit.meetingKey()), "the appointment id is not readable in the link");
        Response page = given().get(entry.getRawPath());
        assertEquals(200, page.statusCode());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.asString().contains("href=\"" + visit.meeting().joinWebUrl().replace("&", "&amp;") + "\""),
                page.asString());
        assertTrue(page.asString().contains("Nobody is connected yet."));
        assertEquals("no-store", page.header("Cache-Control"));
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'nonce-"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
    }

    @Test
    void anOpenLiveRosterReceivesAConnectAsItHappens() throws Exception {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        String token = tokens.mint(visit.configurationId(), visit.meetingKey());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(HttpRequest.newBuilder(
                        URI.create(PresenceTestProfile.BASE_URL + "/visits/live/" + token + "/events"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", UUID.randomUUID().toString()).build(),
                HttpResponse.BodyHandlers.ofLines());
        try {
            HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
            List<String> seen = new CopyOnWriteArrayList<>();
            awaitLine(lines, seen, line -> field(line, "event").equals("roster"));
            awaitLine(lines, seen, line -> line.startsWith(":"));

            // The replica's reader of the topic starts at the latest offset once it has joined its group: a patient joins
            // until the stream shows it (a first join may come before the reader is placed).
            String connected = Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> {
                        graph.notifyMeetingEvent(visit.subscriptionId(), GraphMeetingEvent.rosterUpdate(Instant.now())
                                .joined("leg-" + UUID.randomUUID(), GraphParticipantIdentity.azureCommunicationServicesUser(
                                        "8:acs:" + UUID.randomUUID(), "Patient Name")));
                        return pollLine(lines, seen, line -> line.startsWith("data:") && line.contains("\"PATIENT\"")
                                && line.contains("connectedAt"), Duration.ofSeconds(5));
                    }, line -> line != null);
            assertFalse(connected.contains("Name"), connected);
            int presence = seen.indexOf(connected);
            assertTrue(seen.subList(0, presence).stream().anyMatch(line -> field(line, "event").equals("presence")), seen.toString());
            assertTrue(seen.subList(0, presence).stream().anyMatch(line -> line.startsWith("id:")), seen.toString());
        } finally {
            stream.cancel(true);
            client.shutdownNow();
        }
        assertTrue(given().get("/visits/live/" + token).asString().contains("Patient &mdash; connected since"));
    }

    @Test
    void aForgedLinkIsNotFoundAndAnExpiredOneIsGone() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        String token = tokens.mint(visit.configurationId(), visit.meetingKey());
        // A character in the middle: the last one of unpadded base64 may carry bits the decoder ignores.
        int middle = token.length() / 2;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        LiveRosterTokens yesterday = new LiveRosterTokens(keys, Duration.ofHours(4),
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        String expired = yesterday.mint(visit.configurationId(), visit.meetingKey());

        for (String forged : List.of("AAAA", tampered, "not base64 !", "A".repeat(600))) {
            assertEquals(404, given().get("/visits/live/" + forged).statusCode(), forged);
            assertEquals(404, given().get("/visits/live/" + forged + "/events").statusCode(), forged);
        }
        Response gone = given().get("/visits/live/" + expired);
        assertEquals(410, gone.statusCode());
        assertTrue(gone.contentType().startsWith("text/html"));
        assertEquals(410, given().get("/visits/live/" + expired + "/events").statusCode());
    }

    /** The value of an event stream line {@code name: value} (the space is optional), or "" for another field. */
    private static String field(String line, String name) {
        return line.startsWith(name + ":") ? line.substring(name.length() + 1).strip() : "";
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> seen, Predicate<String> wanted)
            throws InterruptedException {
        String line = pollLine(lines, seen, wanted, Duration.ofSeconds(15));
        assertTrue(line != null, "no such line in " + seen);
    }

    private static String pollLine(BlockingQueue<String> lines, List<String> seen, Predicate<String> wanted,
                                   Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        return null;
    }
}
