package io.ehrconnector.launch.quality;

import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.launch.presence.PresenceFixtures.WatchedVisit;
import io.ehrconnector.launch.presence.PresenceTestProfile;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphCallRecord;
import io.ehrconnector.testing.standins.GraphCallRecord.Media;
import io.ehrconnector.testing.standins.GraphMeetingEvent;
import io.ehrconnector.testing.standins.GraphMediaStream;
import io.ehrconnector.testing.standins.GraphParticipantIdentity;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.ehrconnector.launch.presence.PresenceFixtures.await;
import static io.ehrconnector.launch.presence.PresenceFixtures.awaitPresenceEvents;
import static io.ehrconnector.launch.presence.PresenceFixtures.linkProvider;
import static io.ehrconnector.launch.presence.PresenceFixtures.watchedVisit;
import static io.ehrconnector.launch.quality.CallQualityFixtures.awaitCallQualityEvents;
import static io.ehrconnector.launch.quality.CallQualityFixtures.awaitHandled;
import static io.ehrconnector.launch.quality.CallQualityFixtures.awaitTenantSubscription;
import static io.ehrconnector.launch.quality.CallQualityFixtures.callQualityEvents;
import static io.ehrconnector.launch.quality.CallQualityFixtures.recordRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From Graph's call record notification to {@link CallQualityReported} on the real topic: Graph (the stand-in) notifies the
 * real webhook, the service fetches the record with the real Graph SDK, and the figures name the participants as presence
 * did. A call that was no visit's is forgotten after the first, narrow read.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class CallQualityReportingTest {

    private static final double EPSILON = 1e-6;

    @Inject
    VisitMeetings meetings;

    @Inject
    CallRecordSubscriptionKeeper keeper;

    @Inject
    CallRecordWorker worker;

    @InjectStandIn
    GraphStandIn graph;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();
    private final Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
    private final Instant end = start.plus(Duration.ofMinutes(25));
    private String subscriptionId;

    @BeforeEach
    void contosoSubscribedToItsCallRecords() {
        await(keeper::runOnce);
        subscriptionId = (String) awaitTenantSubscription(graph, EntraDirectory.CONTOSO, null).get("id");
    }

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    @Test
    void aVisitsCallIsReportedOnceWithEachParticipantsFiguresAsPresenceNamedThem() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        linkProvider(visit.configurationId(), "prac-" + UUID.randomUUID(), EntraDirectory.CONTOSO.id(),
                EntraDirectory.CONTOSO_PROVIDER.objectId());
        GraphParticipantIdentity provider = GraphParticipantIdentity.user(EntraDirectory.CONTOSO_PROVIDER.objectId(),
                EntraDirectory.CONTOSO.id(), "Dr. Provider Name");
        GraphParticipantIdentity patient = GraphParticipantIdentity.azureCommunicationServicesUser(
                "8:acs:" + UUID.randomUUID(), "Patient Name");
        GraphParticipantIdentity phone = GraphParticipantIdentity.phone("+15550100");
        assertEquals(202, graph.notifyMeetingEvent(visit.subscriptionId(), GraphMeetingEvent.rosterUpdate(start)
                .joined("leg-provider", provider).joined("leg-patient", patient)));
        List<CloudEvent<ParticipantPresence>> presence = awaitPresenceEvents(kafka, visit.configurationId(),
                events -> events.size() == 2);
        String callRecordId = UUID.randomUUID().toString();
        GraphCallRecord record = GraphCallRecord.groupCall(visit.meeting().joinWebUrl(), start, end).version(2)
                .session(provider,
                        Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, 10, 30, 0.01, 0.04, 20, 60),
                                audio(GraphMediaStream.CALLEE_TO_CALLER, 20, 50, 0.03, 0.10, 40, 80)),
                        Media.of("main-video", audio(GraphMediaStream.CALLEE_TO_CALLER, 5, 9, 0, 0, 20, 30)
                                .withReceivedFrameRate(30)),
                        Media.of("applicationsharing-video", audio(GraphMediaStream.CALLER_TO_CALLEE, 7, 8, 0, 0, 25, 35)
                                .withReceivedFrameRate(12)))
                .session(patient, Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, 16, 44, 0.02, 0.2, 100,
                        300)))
                .session(phone, Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, 1, 2, 0, 0, 10, 20)));
        graph.putCallRecord(callRecordId, record);

        assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId));

        CloudEvent<CallQualityReported> event = awaitCallQualityEvents(kafka, visit.configurationId(),
                events -> !events.isEmpty()).getFirst();
        assertEquals(EventType.CALL_QUALITY_REPORTED.type(), event.type());
        assertEquals(CloudEvent.deterministicId(EventType.CALL_QUALITY_REPORTED, callRecordId, "2"), event.id());
        assertEquals(Topics.visitKey(visit.configurationId(), visit.meetingKey()), event.subject());
        CallQualityReported reported = event.data();
        assertEquals(visit.meetingKey(), reported.appointmentId());
        assertEquals(visit.meeting().meetingId(), reported.meetingId());
        assertEquals(callRecordId, reported.callRecordId());
        assertEquals(2, reported.callRecordVersion());
        assertEquals(start, reported.callStartedAt().toInstant());
        assertEquals(end, reported.callEndedAt().toInstant());
        assertEquals(3, reported.participants().size());

        Map<Role, String> presenceIds = presence.stream().collect(Collectors.toMap(e -> e.data().role(),
                e -> e.data().participantId()));
        ParticipantQuality providerQuality = participant(reported, Role.PROVIDER);
        assertEquals(List.of(presenceIds.get(Role.PROVIDER)), providerQuality.participantIds());
        assertMedia(providerQuality.audio(), 2, 15.0, 50.0, 0.02, 0.10, 30.0, 80.0, null);
        assertMedia(providerQuality.video(), 1, 5.0, 9.0, 0.0, 0.0, 20.0, 30.0, 30.0);
        assertMedia(providerQuality.screenSharing(), 1, 7.0, 8.0, 0.0, 0.0, 25.0, 35.0, 12.0);
        ParticipantQuality patientQuality = participant(reported, Role.PATIENT);
        assertEquals(List.of(presenceIds.get(Role.PATIENT)), patientQuality.participantIds());
        assertMedia(patientQuality.audio(), 1, 16.0, 44.0, 0.02, 0.2, 100.0, 300.0, null);
        assertNull(patientQuality.video());
        assertNull(patientQuality.screenSharing());
        ParticipantQuality phoneQuality = participant(reported, Role.GUEST);
        assertEquals(List.of(), phoneQuality.participantIds(), "presence never saw the phone");

        String published = kafka.readAll(Topics.CALL_QUALITY).stream().filter(r -> r.key().startsWith(visit.configurationId()))
                .map(r -> r.value()).collect(Collectors.joining());
        for (String forbidden : List.of("Name", EntraDirectory.CONTOSO_PROVIDER.objectId(), "8:acs:", "+1555",
                visit.meeting().joinWebUrl())) {
            assertFalse(published.contains(forbidden), "events carry no " + forbidden);
        }

        int reads = recordRequests(graph, callRecordId).size();
        assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId),
                "Graph delivers it again");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> recordRequests(graph, callRecordId).size() >= reads + 2);
        awaitHandled(callRecordId);
        assertEquals(1L, ServiceDatabase.value("select count(*) from outbox_event where event_id = ?", event.id()));
        assertEquals(1, callQualityEvents(kafka, visit.configurationId()).size(), "the same record is one event");

        graph.putCallRecord(callRecordId, record.version(3));
        assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId),
                "Teams revised the record");
        List<CloudEvent<CallQualityReported>> revised = awaitCallQualityEvents(kafka, visit.configurationId(),
                events -> events.size() == 2);
        assertEquals(3, revised.getLast().data().callRecordVersion(), "a revision is a new event");
    }

    @Test
    void theRecordOfACallThatWasNoVisitIsForgottenAfterOneNarrowRead() {
        String callRecordId = UUID.randomUUID().toString();
        graph.putCallRecord(callRecordId, GraphCallRecord.groupCall(
                        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_notavisit%40thread.v2/0", start, end)
                .session(GraphParticipantIdentity.guest("8:teamsvisitor:other", "Someone Else"),
                        Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, 1, 2, 0, 0, 10, 20))));

        assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId));

        awaitHandled(callRecordId);
        List<StandInRequest> reads = recordRequests(graph, callRecordId);
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("id,version,type,joinWebUrl,startDateTime,endDateTime", reads.getFirst().queryParam("$select"));
        assertNull(reads.getFirst().queryParam("$expand"), "no sessions read");
        assertEquals(0L, ServiceDatabase.value("select count(*) from outbox_event where payload like ?",
                "%" + callRecordId + "%"));
    }

    @Test
    void aRecordTeamsHasNotMadeYetIsFetchedAgainLaterAndReported() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        String callRecordId = UUID.randomUUID().toString();

        assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(1).equals(ServiceDatabase.value(
                "select attempts from call_record_fetch where call_record_id = ?", callRecordId)));
        assertTrue(String.valueOf(ServiceDatabase.value("select last_error from call_record_fetch where call_record_id = ?",
                callRecordId)).startsWith("HTTP 404"));
        assertTrue(callQualityEvents(kafka, visit.configurationId()).isEmpty());

        graph.putCallRecord(callRecordId, GraphCallRecord.groupCall(visit.meeting().joinWebUrl(), start, end)
                .session(GraphParticipantIdentity.guest("8:teamsvisitor:late", "Late Visitor"),
                        Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, 3, 6, 0, 0, 10, 20))));
        ServiceDatabase.execute("update call_record_fetch set due_at = now() where call_record_id = ?", callRecordId);
        await(worker::processDue);

        CallQualityReported reported = awaitCallQualityEvents(kafka, visit.configurationId(), events -> !events.isEmpty())
                .getFirst().data();
        assertEquals(callRecordId, reported.callRecordId());
        assertEquals(Role.PATIENT, reported.participants().getFirst().role());
        awaitHandled(callRecordId);
    }

    @Test
    void sessionsOnFurtherPagesAreFollowed() {
        WatchedVisit visit = watchedVisit(meetings, graph, EntraDirectory.CONTOSO);
        String callRecordId = UUID.randomUUID().toString();
        GraphCallRecord record = GraphCallRecord.groupCall(visit.meeting().joinWebUrl(), start, end);
        for (int i = 0; i < 5; i++) {
            record.session(GraphParticipantIdentity.guest("8:teamsvisitor:" + i, "Visitor " + i),
                    Media.of("main-audio", audio(GraphMediaStream.CALLER_TO_CALLEE, i, i + 1, 0, 0, 10, 20)));
        }
        graph.putCallRecord(callRecordId, record).pageCallRecordSessions(2);
        try {
            assertEquals(202, graph.notifyCallRecordCreated(subscriptionId, EntraDirectory.CONTOSO.id(), callRecordId));

            CallQualityReported reported = awaitCallQualityEvents(kafka, visit.configurationId(),
                    events -> !events.isEmpty()).getFirst().data();
            assertEquals(5, reported.participants().size());
            assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0), reported.participants().stream()
                    .map(p -> p.audio().averageJitterMs()).toList());
            assertEquals(2, recordRequests(graph, callRecordId).stream()
                    .filter(request -> request.rawPath().endsWith("/sessions")).count(), "pages 2 and 3");
        } finally {
            graph.pageCallRecordSessions(60);
        }
    }

    private static GraphMediaStream audio(String direction, long jitterMs, long maxJitterMs, double loss, double maxLoss,
                                          long roundTripMs, long maxRoundTripMs) {
        return GraphMediaStream.audio(direction, Duration.ofMillis(jitterMs), Duration.ofMillis(maxJitterMs), loss, maxLoss,
                Duration.ofMillis(roundTripMs), Duration.ofMillis(maxRoundTripMs));
    }

    private static ParticipantQuality participant(CallQualityReported reported, Role role) {
        List<ParticipantQuality> withRole = reported.participants().stream().filter(p -> p.role() == role).toList();
        assertEquals(1, withRole.size(), role.name());
        return withRole.getFirst();
    }

    private static void assertMedia(MediaQuality media, int streams, double jitter, double maxJitter, double loss,
                                    double maxLoss, double roundTrip, double maxRoundTrip, Double frameRate) {
        assertEquals(streams, media.streams());
        assertEquals(jitter, media.averageJitterMs(), EPSILON);
        assertEquals(maxJitter, media.maxJitterMs(), EPSILON);
        assertEquals(loss, media.averagePacketLossRate(), EPSILON);
        assertEquals(maxLoss, media.maxPacketLossRate(), EPSILON);
        assertEquals(roundTrip, media.averageRoundTripMs(), EPSILON);
        assertEquals(maxRoundTrip, media.maxRoundTripMs(), EPSILON);
        if (frameRate == null) {
            assertNull(media.averageFrameRate());
        } else {
            assertEquals(frameRate, media.averageFrameRate(), EPSILON);
        }
    }
}
