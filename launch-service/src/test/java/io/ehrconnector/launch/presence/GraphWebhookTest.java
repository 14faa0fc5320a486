package io.ehrconnector.launch.presence;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;
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
import io.ehrconnector.testing.standins.GraphChangeNotification;
import io.ehrconnector.testing.standins.GraphMeetingEvent;
import io.ehrconnector.testing.standins.GraphParticipantIdentity;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.ehrconnector.launch.presence.PresenceFixtures.awaitPresenceEvents;
import static io.ehrconnector.launch.presence.PresenceFixtures.linkProvider;
import static io.ehrconnector.launch.presence.PresenceFixtures.watchedVisit;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graph's webhook, {@code /graph/notifications} and {@code /graph/lifecycle}, with notifications delivered by the Graph
 * stand-in to the real endpoints: the handshake, what is dropped, what becomes ParticipantPresence events on the real
 * topic, and that the answer does not wait for the processing.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class GraphWebhookTest {

    private static final URI NOTIFICATIONS = URI.create(PresenceTestProfile.BASE_URL + "/graph/notifications");

    @Inject
    VisitMeetings meetings;

    @Inject
    MeterRegistry metrics;

    @InjectStandIn
    GraphStandIn graph;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    @Test
    void theValidationHandshakeEchoesTheTokenAsPlainText() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        for (String path : List.of("/graph/notifications", "/graph/lifecycle")) {
            Response answer = given().contentType("text/plain").queryParam("validationToken", token).post(path);
            assertEquals(200, answer.statusCode(), path);
            assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
            assertEquals(token, answer.asString());
        }
    }

    @Test
    void joinsAndExitsBecomeEventsWithTheirRolesOnceEvenWhenGraphDeliversThemTwice() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        String ehrUserId = "https://fhir.example.org/Practitioner/prac-" + UUID.randomUUID();
        linkProvider(visit.configurationId(), ehrUserId, EntraDirectory.CONTOSO.id(),
                EntraDirectory.CONTOSO_PROVIDER.objectId());
        Instant joined = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        Instant left = joined.plusSeconds(90);
        GraphParticipantIdentity provider = GraphParticipantIdentity.user(EntraDirectory.CONTOSO_PROVIDER.objectId(),
                EntraDirectory.CONTOSO.id(), "Dr. Provider Name");
        GraphMeetingEvent joins = GraphMeetingEvent.rosterUpdate(joined)
                .joined("leg-provider", provider)
                .joined("leg-acs", GraphParticipantIdentity.azureCommunicationServicesUser("8:acs:patient", "Patient Name"))
                .joined("leg-anonymous", GraphParticipantIdentity.guest("8:teamsvisitor:anonymous", "Visitor Name"))
                .joined("leg-other-tenant", GraphParticipantIdentity.user(EntraDirectory.FABRIKAM_PROVIDER.objectId(),
                        EntraDirectory.FABRIKAM.id(), "Other Tenant Name"))
                .joined("leg-unlinked", GraphParticipantIdentity.user(EntraDirectory.CONTOSO_ANALYST.objectId(),
                        EntraDirectory.CONTOSO.id(), "Unlinked Name"));
        GraphMeetingEvent exit = GraphMeetingEvent.rosterUpdate(left).exited("leg-provider", provider);

        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), joins));
        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), joins), "Graph delivers it again");
        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), exit));
        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), exit));

        List<CloudEvent<ParticipantPresence>> events = awaitPresenceEvents(kafka, visit.configurationId(),
                all -> all.size() >= 6);
        assertEquals(6, events.size(), events.toString());
        List<ParticipantPresence> connected = ofType(events, EventType.PARTICIPANT_CONNECTED);
        List<ParticipantPresence> disconnected = ofType(events, EventType.PARTICIPANT_DISCONNECTED);
        assertEquals(5, connected.size());
        assertEquals(Map.of(Role.PROVIDER, 1L, Role.PATIENT, 2L, Role.GUEST, 2L), connected.stream()
                .collect(Collectors.groupingBy(ParticipantPresence::role, Collectors.counting())));
        ParticipantPresence providerConnected = connected.stream().filter(p -> p.role() == Role.PROVIDER).findFirst()
                .orElseThrow();
        assertEquals(ehrUserId, providerConnected.ehrUserId());
        assertTrue(connected.stream().filter(p -> p.role() != Role.PROVIDER).allMatch(p -> p.ehrUserId() == null));
        connected.forEach(p -> {
            assertEquals(joined, p.occurredAt().toInstant());
            assertEquals(visit.meetingKey(), p.appointmentId());
            assertEquals(visit.meeting().meetingId(), p.meetingId());
        });
        assertEquals(1, disconnected.size());
        assertEquals(providerConnected.participantId(), disconnected.getFirst().participantId());
        assertEquals(left, disconnected.getFirst().occurredAt().toInstant());
        assertEquals(Role.PROVIDER, disconnected.getFirst().role());
        assertEquals(5, connected.stream().map(ParticipantPresence::participantId).distinct().count());

        String published = kafka.readAll(Topics.VISIT_PARTICIPANTS).stream()
                .filter(record -> record.key().startsWith(visit.configurationId())).map(r -> r.value())
                .collect(Collectors.joining());
        for (String forbidden : List.of("Name", "leg-", EntraDirectory.CONTOSO_PROVIDER.objectId(), "8:acs:",
                "teamsvisitor")) {
            assertFalse(published.contains(forbidden), "events carry no " + forbidden);
        }
        assertEquals(2L, ServiceDatabase.value("select count(*) from graph_notification where configuration_id = ?",
                visit.configurationId()), "each notification is kept once");
        assertEquals(0L, ServiceDatabase.value("select count(*) from graph_notification where configuration_id = ?"
                + " and payload like '%Name%'", visit.configurationId()), "display names are not stored");
    }

    @Test
    void aNotificationGraphSendsBeforeItAnswersTheSubscriptionIsKept() {
        Map<String, Integer> early = graph.notifyNewSubscriptionsBeforeAnswering(joinOfAPatient());
        WatchedVisit visit;
        try {
            visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        } finally {
            graph.stopNotifyingNewSubscriptions();
        }

        assertEquals(202, early.get(visit.subscriptionId()), "sent while the service waited for Graph's answer");
        assertEquals(1L, ServiceDatabase.value("select count(*) from graph_notification where configuration_id = ?"
                + " and subscription_id = ?", visit.configurationId(), visit.subscriptionId()));
        List<CloudEvent<ParticipantPresence>> events = awaitPresenceEvents(kafka, visit.configurationId(),
                all -> !all.isEmpty());
        assertEquals(EventType.PARTICIPANT_CONNECTED.type(), events.getFirst().type());
    }

    @Test
    void aNotificationWithTheClientStateOfNoSubscriptionBeingMadeIsDropped() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        ServiceDatabase.execute("update meeting_watch set client_state_hash = ? where configuration_id = ?",
                OAuthValues.sha256Hex("a-client-state-of-the-old-subscription"), visit.configurationId());
        double before = dropped("unknown-subscription");

        int status = graph.pushChangeNotification(NOTIFICATIONS, new GraphChangeNotification(UUID.randomUUID().toString(),
                "a-client-state-of-the-old-subscription", "updated", "communications/onlineMeetings",
                joinOfAPatient().resourceData("communications/onlineMeetings"), null, null));

        assertEquals(202, status);
        assertEquals(before + 1, dropped("unknown-subscription"), "only a watch still without a subscription id matches");
        assertNothingStoredOrPublished(visit);
    }

    @Test
    void aNotificationWithAnotherClientStateIsDroppedAndCounted() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        double before = dropped("client-state-mismatch");

        int status = graph.pushChangeNotification(NOTIFICATIONS, new GraphChangeNotification(visit.subscriptionId(),
                "not-the-client-state", "updated", "communications/onlineMeetings", joinOfAPatient().resourceData(
                "communications/onlineMeetings"), null, null));

        assertEquals(202, status);
        assertEquals(before + 1, dropped("client-state-mismatch"));
        assertNothingStoredOrPublished(visit);
    }

    @Test
    void aNotificationOfAnUnknownSubscriptionIsDroppedAndCounted() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        double before = dropped("unknown-subscription");

        int status = graph.pushChangeNotification(NOTIFICATIONS, new GraphChangeNotification(UUID.randomUUID().toString(),
                "any-client-state", "updated", "communications/onlineMeetings", joinOfAPatient().resourceData(
                "communications/onlineMeetings"), null, null));

        assertEquals(202, status);
        assertEquals(before + 1, dropped("unknown-subscription"));
        assertNothingStoredOrPublished(visit);
    }

    @Test
    void theWebhookAnswersBeforeTheNotificationIsProcessed() throws Exception {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        try (Connection blocker = jdbc()) {
            // Processing locks the visit's watch; while the test holds it, nothing can be processed.
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "select 1 from meeting_watch where configuration_id = ? for update")) {
                lock.setString(1, visit.configurationId());
                lock.executeQuery().close();
            }
            long start = System.nanoTime();
            assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), joinOfAPatient()));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);

            assertEquals(1L, ServiceDatabase.value("select count(*) from graph_notification where configuration_id = ?"
                    + " and processed_at is null", visit.configurationId()), "stored, not processed");
            assertEquals(0L, outboxRows(visit));
            blocker.rollback();
        }
        awaitPresenceEvents(kafka, visit.configurationId(), events -> events.size() == 1);
        assertNull(ServiceDatabase.value("select id from graph_notification where configuration_id = ?"
                + " and processed_at is null", visit.configurationId()));
    }

    @Test
    void bodiesThatAreNoNotificationsAreRefused() {
        assertEquals(400, given().contentType("application/json").body("{\"not\":\"notifications\"}")
                .post("/graph/notifications").statusCode());
        assertEquals(400, given().contentType("application/json").body("<xml/>").post("/graph/lifecycle").statusCode());
        assertEquals(413, given().contentType("application/json").body("{\"value\":[\"" + "x".repeat(1_100_000) + "\"]}")
                .post("/graph/notifications").statusCode());
    }

    private static GraphMeetingEvent joinOfAPatient() {
        return GraphMeetingEvent.rosterUpdate(Instant.now()).joined("leg-" + UUID.randomUUID(),
                GraphParticipantIdentity.azureCommunicationServicesUser("8:acs:" + UUID.randomUUID(), "Patient Name"));
    }

    private void assertNothingStoredOrPublished(WatchedVisit visit) {
        assertEquals(0L, ServiceDatabase.value("select count(*) from graph_notification where configuration_id = ?",
                visit.configurationId()));
        assertEquals(0L, outboxRows(visit));
    }

    private static Object outboxRows(WatchedVisit visit) {
        return ServiceDatabase.value("select count(*) from outbox_event where record_key = ?",
                Topics.visitKey(visit.configurationId(), visit.meetingKey()));
    }

    private double dropped(String outcome) {
        return metrics.counter(NotificationIntake.METRIC, "kind", "change", "outcome", outcome).count();
    }

    private static List<ParticipantPresence> ofType(List<CloudEvent<ParticipantPresence>> events, EventType type) {
        return events.stream().filter(event -> event.type().equals(type.type())).map(CloudEvent::data).toList();
    }

    private static Connection jdbc() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
