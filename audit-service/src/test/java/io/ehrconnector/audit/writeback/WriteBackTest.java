package io.ehrconnector.audit.writeback;

import ca.uhn.fhir.context.FhirContext;
import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.FhirWrite;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connects and disconnects from the real topics reach the EHR stand-in as valid FHIR R4 AuditEvents, through a SMART Backend
 * Services token obtained with the connector's key: in order per visit, once per event, and all of them after an outage.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class WriteBackTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;

    @InjectStandIn
    EhrStandIn ehr;

    @ConfigProperty(name = "ehr.connector.test.backend-client-id")
    String backendClientId;

    private ConfigurationSnapshot configuration;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** The connector's TEST key, registered with the EHR as the backend app's key (Epic reads it from the JWK Set URL). */
    @BeforeEach
    void connectorKnownToTheEhr() {
        AuditFixtures.connectorKnownToTheEhr(kafka, ehr, backendClientId);
        configuration = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), ehr.fhirBaseUrl());
    }

    @Test
    void aConnectAndADisconnectArriveAsValidAuditEventsInOrder() {
        long tokensBefore = backendTokenRequests();
        String appointment = AuditFixtures.appointmentId();
        String participant = "p-" + UUID.randomUUID();
        OffsetDateTime joined = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20).withNano(0);
        CloudEvent<ParticipantPresence> connected = send(EventType.PARTICIPANT_CONNECTED, appointment, participant,
                Role.PROVIDER, joined);
        send(EventType.PARTICIPANT_DISCONNECTED, appointment, participant, Role.PROVIDER, joined.plusMinutes(15));

        List<FhirWrite> writes = awaitWrites(appointment, 2);

        AuditEvent login = parse(writes.get(0));
        AuditEvent logout = parse(writes.get(1));
        assertEquals(List.of(), FhirValidation.errors(writes.get(0).body()));
        assertEquals(List.of(), FhirValidation.errors(writes.get(1).body()));
        assertEquals("create", writes.get(0).interaction());
        assertEquals("110122", login.getSubtypeFirstRep().getCode());
        assertEquals("110123", logout.getSubtypeFirstRep().getCode());
        assertEquals(joined.toInstant(), login.getRecorded().toInstant());
        assertEquals(joined.plusMinutes(15).toInstant(), logout.getRecorded().toInstant());
        assertEquals(participant, login.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals(connected.data().ehrUserId(), login.getAgentFirstRep().getAltId());
        assertEquals(appointment, login.getEntityFirstRep().getWhat().getIdentifier().getValue());
        assertTrue(ehr.tokenRequests().stream().anyMatch(request -> "client_credentials".equals(request.grantType())
                && backendClientId.equals(request.clientId()) && "private_key_jwt".equals(request.clientAuthMethod())
                && request.succeeded()), "a SMART Backend Services token was issued for the connector's assertion");
        assertEquals(writes.get(0).id(), ServiceDatabase.value("select resource_id from ehr_write where event_id = ?",
                connected.id()));
        assertTrue(backendTokenRequests() - tokensBefore <= 1, "the access token is reused, not asked for per write");
    }

    @Test
    void aDeviceTestOfAVisitArrivesAsAValidAuditEvent() {
        String appointment = AuditFixtures.appointmentId();
        AuditFixtures.send(kafka, AuditFixtures.deviceTest(configuration.configurationId(), appointment,
                DeviceTestReported.DeviceCheck.NOT_FOUND, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)));

        FhirWrite write = awaitWrites(appointment, 1).get(0);

        assertEquals(List.of(), FhirValidation.errors(write.body()));
        AuditEvent event = parse(write);
        assertEquals("110100", event.getType().getCode());
        assertEquals(AuditEvent.AuditEventOutcome._4, event.getOutcome());
    }

    @Test
    void anOutageDelaysTheWritesButLosesNoneAndKeepsEachVisitsOrder() {
        ehr.simulateOutage(Duration.ofSeconds(4));
        List<String> appointments = new ArrayList<>();
        // FHIR instants keep milliseconds; whole seconds compare exactly.
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30).withNano(0);
        for (int visit = 0; visit < 3; visit++) {
            String appointment = AuditFixtures.appointmentId();
            appointments.add(appointment);
            String patient = "p-" + UUID.randomUUID();
            String provider = "p-" + UUID.randomUUID();
            send(EventType.PARTICIPANT_CONNECTED, appointment, patient, Role.PATIENT, at);
            send(EventType.PARTICIPANT_CONNECTED, appointment, provider, Role.PROVIDER, at.plusMinutes(1));
            send(EventType.PARTICIPANT_DISCONNECTED, appointment, provider, Role.PROVIDER, at.plusMinutes(20));
            send(EventType.PARTICIPANT_DISCONNECTED, appointment, patient, Role.PATIENT, at.plusMinutes(21));
        }

        for (String appointment : appointments) {
            List<FhirWrite> writes = awaitWrites(appointment, 4);
            List<String> order = writes.stream().map(write -> parse(write).getSubtypeFirstRep().getCode()
                    + "@" + parse(write).getRecorded().toInstant()).toList();
            assertEquals(List.of("110122@" + at.toInstant(), "110122@" + at.plusMinutes(1).toInstant(),
                    "110123@" + at.plusMinutes(20).toInstant(), "110123@" + at.plusMinutes(21).toInstant()), order);
        }
        assertTrue(number("select max(attempts) from ehr_write w join audit_event a on a.event_id = w.event_id"
                + " where a.appointment_id = ?", appointments.get(0)) > 0, "the outage was felt");
    }

    @Test
    void theSameEventTwiceIsWrittenOnce() {
        String appointment = AuditFixtures.appointmentId();
        String participant = "p-" + UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3);
        CloudEvent<ParticipantPresence> connected = send(EventType.PARTICIPANT_CONNECTED, appointment, participant,
                Role.GUEST, at);
        AuditFixtures.send(kafka, connected);
        send(EventType.PARTICIPANT_DISCONNECTED, appointment, participant, Role.GUEST, at.plusMinutes(1));

        awaitWrites(appointment, 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> writesOf(appointment).size() == 2);
    }

    @Test
    void aWriteTheEhrRefusesIsDeadLetteredAndTheVisitGoesOn() {
        String appointment = AuditFixtures.appointmentId();
        String participant = "p-" + UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3);
        ehr.failNextFhirRequests(1, 400);
        CloudEvent<ParticipantPresence> refused = send(EventType.PARTICIPANT_CONNECTED, appointment, participant,
                Role.PATIENT, at);
        send(EventType.PARTICIPANT_DISCONNECTED, appointment, participant, Role.PATIENT, at.plusMinutes(1));

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.deadLetterOf(Topics.VISIT_PARTICIPANTS),
                        r -> r.value() != null && r.value().contains(refused.id()), WAIT)
                .orElseThrow(() -> new AssertionError("no dead letter for the refused write"));
        DeadLetter deadLetter = DeadLetter.fromRecord(record.key(), record.value(), headers(record),
                OffsetDateTime.now(ZoneOffset.UTC));
        assertEquals(Topics.VISIT_PARTICIPANTS, deadLetter.originalTopic());
        assertEquals(Topics.visitKey(configuration.configurationId(), appointment), deadLetter.key());
        assertTrue(deadLetter.reason().contains("HTTP 400"), deadLetter.reason());
        List<FhirWrite> writes = awaitWrites(appointment, 1);
        assertEquals("110123", parse(writes.get(0)).getSubtypeFirstRep().getCode());
        assertTrue(ServiceDatabase.value("select parked_at from ehr_write where event_id = ?", refused.id()) != null);

        // The operator fixed the cause and replays the dead letter to its topic: the write is made after all.
        kafka.send(deadLetter.originalTopic(), deadLetter.key(), deadLetter.payload(),
                Map.of(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.STRUCTURED_CONTENT_TYPE));
        List<FhirWrite> afterReplay = awaitWrites(appointment, 2);
        assertEquals("110122", parse(afterReplay.get(1)).getSubtypeFirstRep().getCode());
        assertEquals(1L, number("select count(*) from audit_event where event_id = ?", refused.id()));
    }

    private CloudEvent<ParticipantPresence> send(EventType type, String appointment, String participant, Role role,
                                                 OffsetDateTime at) {
        return AuditFixtures.send(kafka, AuditFixtures.presence(type, configuration.configurationId(), appointment,
                participant, role, at));
    }

    private List<FhirWrite> awaitWrites(String appointment, int count) {
        return await().atMost(WAIT).until(() -> writesOf(appointment), writes -> writes.size() >= count);
    }

    private List<FhirWrite> writesOf(String appointment) {
        return ehr.writes().stream().filter(write -> "AuditEvent".equals(write.resourceType())
                && write.body().contains("\"" + appointment + "\"")).toList();
    }

    private static AuditEvent parse(FhirWrite write) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, write.body());
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private long backendTokenRequests() {
        return ehr.tokenRequests().stream().filter(request -> "client_credentials".equals(request.grantType())
                && backendClientId.equals(request.clientId())).count();
    }

    private static long number(String sql, Object... params) {
        Object value = ServiceDatabase.value(sql, params);
        return value == null ? -1 : ((Number) value).longValue();
    }
}
