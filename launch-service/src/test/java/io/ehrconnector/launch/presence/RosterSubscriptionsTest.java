package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.launch.meeting.VisitMeeting;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.launch.presence.PresenceFixtures.WatchedVisit;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphAttendanceRecord;
import io.ehrconnector.testing.standins.GraphLifecycleNotification;
import io.ehrconnector.testing.standins.GraphMeetingEvent;
import io.ehrconnector.testing.standins.GraphParticipantIdentity;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ehrconnector.launch.presence.PresenceFixtures.await;
import static io.ehrconnector.launch.presence.PresenceFixtures.awaitPresenceEvents;
import static io.ehrconnector.launch.presence.PresenceFixtures.awaitSubscription;
import static io.ehrconnector.launch.presence.PresenceFixtures.configuration;
import static io.ehrconnector.launch.presence.PresenceFixtures.linkProvider;
import static io.ehrconnector.launch.presence.PresenceFixtures.subscriptionAtGraph;
import static io.ehrconnector.launch.presence.PresenceFixtures.watchedVisit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Graph subscription of each watched visit, with the real Graph SDK against the Graph stand-in: made when the visit is
 * entered (Graph's validation handshake included), kept through Graph's lifecycle notifications, renewed before it
 * expires, deleted when the watch ends; and a failing Graph never fails the entry.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class RosterSubscriptionsTest {

    private static final Duration LONGEST = Duration.ofMinutes(4230);

    @Inject
    VisitMeetings meetings;

    @Inject
    RosterSubscriptions keeper;

    @InjectStandIn
    GraphStandIn graph;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    @Test
    void enteringAVisitSubscribesToItsMeetingCallEventsWithBothWebhooksForAsLongAsGraphAllows() throws Exception {
        graph.validateNotificationUrls(true);
        WatchedVisit visit;
        try {
            visit = watchedVisit(meetings, graph, EntraDirectory.FABRIKAM);
        } finally {
            graph.validateNotificationUrls(false);
        }

        StandInRequest created = subscriptionRequests("POST", "/beta/subscriptions").stream()
                .filter(request -> request.json().path("resource").asText().contains(visit.meeting().joinWebUrl()))
                .findFirst().orElseThrow();
        JsonNode body = created.json();
        assertEquals("/communications/onlineMeetings/?$filter=JoinWebUrl eq '" + visit.meeting().joinWebUrl() + "'",
                body.path("resource").asText());
        assertEquals("updated", body.path("changeType").asText());
        assertEquals(PresenceTestProfile.BASE_URL + "/graph/notifications", body.path("notificationUrl").asText());
        assertEquals(PresenceTestProfile.BASE_URL + "/graph/lifecycle", body.path("lifecycleNotificationUrl").asText());
        Instant expiry = OffsetDateTime.parse(body.path("expirationDateTime").asText()).toInstant();
        assertTrue(Duration.between(Instant.now().plus(LONGEST), expiry).abs().compareTo(Duration.ofMinutes(2)) < 0,
                expiry.toString());
        assertEquals(EntraDirectory.FABRIKAM.id(), SignedJWT.parse(created.bearerToken().orElseThrow()).getJWTClaimsSet()
                .getStringClaim("tid"), "the hospital tenant's own token");

        String clientState = body.path("clientState").asText();
        assertTrue(clientState.length() >= 43, "at least 256 random bits");
        Map<String, Object> row = ServiceDatabase.query("select * from meeting_watch where configuration_id = ?",
                visit.configurationId()).getFirst();
        assertEquals(OAuthValues.sha256Hex(clientState), row.get("client_state_hash"), "kept only as its hash");
        assertFalse(row.containsValue(clientState));
        assertEquals(visit.subscriptionId(), row.get("subscription_id"));
    }

    @Test
    void aSubscriptionGraphRefusesFailsNoEntryAndIsMadeLater() {
        var refusal = graph.wireMock().stubFor(post(urlPathEqualTo("/beta/subscriptions")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"Insufficient privileges\"}}")));
        var configuration = configuration(EntraDirectory.CONTOSO);
        VisitMeeting meeting;
        try {
            meeting = await(() -> meetings.meetingFor(configuration, "CSN-refused"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "HTTP 403 Forbidden".equals(ServiceDatabase.value(
                    "select last_error from meeting_watch where configuration_id = ?", configuration.configurationId())));
            assertNull(subscriptionAtGraph(graph, meeting));
        } finally {
            graph.wireMock().removeStub(refusal);
        }

        ServiceDatabase.execute("update meeting_watch set next_attempt_at = now() where configuration_id = ?",
                configuration.configurationId());
        await(keeper::runOnce);
        awaitSubscription(graph, configuration.configurationId(), meeting, null);
        assertEquals(0, ServiceDatabase.value("select attempts from meeting_watch where configuration_id = ?",
                configuration.configurationId()));
    }

    @Test
    void aSubscriptionCloseToExpiryIsRenewedForAsLongAsGraphAllows() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        ServiceDatabase.execute("update meeting_watch set expires_at = now() + interval '30 minutes',"
                + " next_attempt_at = now() where configuration_id = ?", visit.configurationId());

        await(keeper::runOnce);

        StandInRequest renewal = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> subscriptionRequests("PATCH", "/beta/subscriptions/" + visit.subscriptionId()).stream().findFirst()
                        .orElse(null), request -> request != null);
        Instant expiry = OffsetDateTime.parse(renewal.json().path("expirationDateTime").asText()).toInstant();
        assertTrue(Duration.between(Instant.now().plus(LONGEST), expiry).abs().compareTo(Duration.ofMinutes(2)) < 0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ((Timestamp) ServiceDatabase.value(
                "select expires_at from meeting_watch where configuration_id = ?", visit.configurationId())).toInstant()
                .isAfter(Instant.now().plus(Duration.ofHours(70))));
    }

    @Test
    void reauthorizationRequiredIsAnsweredWithAReauthorization() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);

        assertEquals(202, graph.notifyLifecycle(visit.subscriptionId(), GraphLifecycleNotification.REAUTHORIZATION_REQUIRED));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !subscriptionRequests("POST",
                "/beta/subscriptions/" + visit.subscriptionId() + "/reauthorize").isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(ServiceDatabase.value(
                "select reauthorize_requested from meeting_watch where configuration_id = ?", visit.configurationId())));
    }

    @Test
    void aRemovedSubscriptionIsMadeAgainAndItsNotificationsCount() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);

        assertEquals(202, graph.notifyLifecycle(visit.subscriptionId(), GraphLifecycleNotification.SUBSCRIPTION_REMOVED));

        String again = awaitSubscription(graph, visit.configurationId(), visit.meeting(), visit.subscriptionId());
        assertNotEquals(visit.subscriptionId(), again);
        assertEquals(202, graph.notifyMeetingEvent(again, GraphMeetingEvent.rosterUpdate(Instant.now())
                .joined("leg-1", GraphParticipantIdentity.guest("8:teamsvisitor:1", "Visitor Name"))));
        awaitPresenceEvents(kafka, visit.configurationId(), events -> events.size() == 1);
    }

    @Test
    void missedNotificationsAreMadeUpFromTheAttendanceReport() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        linkProvider(visit.configurationId(), "prac-" + UUID.randomUUID(), EntraDirectory.CONTOSO.id(),
                EntraDirectory.CONTOSO_PROVIDER.objectId());
        GraphParticipantIdentity provider = GraphParticipantIdentity.user(EntraDirectory.CONTOSO_PROVIDER.objectId(),
                EntraDirectory.CONTOSO.id(), "Dr. Provider Name");
        GraphParticipantIdentity patient = GraphParticipantIdentity.azureCommunicationServicesUser("8:acs:missed",
                "Patient Name");
        Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), GraphMeetingEvent.rosterUpdate(start)
                .joined("leg-provider", provider)));
        awaitPresenceEvents(kafka, visit.configurationId(), events -> events.size() == 1);
        // Graph missed the provider's exit and the patient's whole visit; the report, made when the meeting ended, has both.
        Instant providerLeft = start.plus(Duration.ofMinutes(30));
        graph.putAttendanceReport(visit.meeting().meetingId(), start, providerLeft, List.of(
                new GraphAttendanceRecord(provider, start, providerLeft),
                new GraphAttendanceRecord(patient, start.plusSeconds(60), providerLeft.minusSeconds(60))));

        assertEquals(202, graph.notifyLifecycle(visit.subscriptionId(), GraphLifecycleNotification.MISSED));

        List<CloudEvent<ParticipantPresence>> events = awaitPresenceEvents(kafka, visit.configurationId(),
                all -> all.size() >= 4);
        assertEquals(4, events.size());
        assertEquals(List.of(
                        "connected PROVIDER " + start, "connected PATIENT " + start.plusSeconds(60),
                        "disconnected PATIENT " + providerLeft.minusSeconds(60), "disconnected PROVIDER " + providerLeft),
                events.stream().sorted(Comparator.comparing(event -> event.data().occurredAt().toInstant()))
                        .map(event -> (event.type().equals(EventType.PARTICIPANT_CONNECTED.type()) ? "connected "
                                : "disconnected ") + event.data().role() + " " + event.data().occurredAt().toInstant())
                        .toList());
        assertTrue(events.stream().filter(event -> event.data().role() == Role.PROVIDER)
                .map(event -> event.data().participantId()).distinct().count() == 1, "the provider's exit matches the join");
    }

    @Test
    void whenTheWatchEndsTheSubscriptionIsDeleted() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        ServiceDatabase.execute("update meeting_watch set watch_until = now() - interval '1 second',"
                + " next_attempt_at = now() where configuration_id = ?", visit.configurationId());

        await(keeper::runOnce);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !subscriptionRequests("DELETE",
                "/beta/subscriptions/" + visit.subscriptionId()).isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ServiceDatabase.value(
                "select count(*) from meeting_watch where configuration_id = ?", visit.configurationId()).equals(0L));
        assertNull(subscriptionAtGraph(graph, visit.meeting()));
    }

    private List<StandInRequest> subscriptionRequests(String method, String path) {
        return graph.requests().stream().filter(request -> request.method().equals(method) && request.rawPath().equals(path))
                .toList();
    }
}
