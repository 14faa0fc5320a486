package io.ehrconnector.audit.quality;

import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.MalformedEventException;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ehrconnector.audit.quality.CallQualityEvents.goodProvider;
import static io.ehrconnector.audit.quality.CallQualityEvents.poorPatient;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call quality events from the real topic: stored per call record with the configuration's tenant; the newest version wins
 * whatever the order, a replay changes nothing; an unknown configuration or a malformed record is dead-lettered.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class CallQualityIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NO_EHR = "https://ehr.invalid/api/FHIR/R4";
    private static final OffsetDateTime STARTED = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .minusHours(1);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aCallRecordIsStoredWithItsVisitAndTheConfigurationsTenant() {
        String configurationId = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR)
                .configurationId();
        String appointment = AuditFixtures.appointmentId();
        String callRecord = UUID.randomUUID().toString();
        CloudEvent<CallQualityReported> event = AuditFixtures.send(kafka, CallQualityEvents.report(configurationId,
                appointment, callRecord, 1, STARTED, List.of(goodProvider("doc-1"), poorPatient("pat-1", "pat-2"))));

        Map<String, Object> row = awaitVersion(configurationId, callRecord, 1);

        assertEquals(Topics.visitKey(configurationId, appointment), row.get("visit_key"));
        assertEquals(appointment, row.get("appointment_id"));
        assertEquals(EntraDirectory.CONTOSO.id(), row.get("tenant_id"));
        assertEquals("meeting-" + appointment, row.get("meeting_id"));
        assertEquals(event.id(), row.get("event_id"));
        assertEquals(STARTED.toInstant(), ((Timestamp) row.get("call_started_at")).toInstant());
        assertEquals(event.data().participants(), StoredParticipants.fromJson((String) row.get("participants_json")));
    }

    @Test
    void theNewestVersionWinsAndReplaysOrOlderVersionsChangeNothing() {
        String configurationId = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR)
                .configurationId();
        String appointment = AuditFixtures.appointmentId();
        String callRecord = UUID.randomUUID().toString();
        CloudEvent<CallQualityReported> second = AuditFixtures.send(kafka, CallQualityEvents.report(configurationId,
                appointment, callRecord, 2, STARTED, List.of(goodProvider("doc-1"))));
        Object storedAt = awaitVersion(configurationId, callRecord, 2).get("received_at");

        AuditFixtures.send(kafka, CallQualityEvents.report(configurationId, appointment, callRecord, 1, STARTED,
                List.of(poorPatient("late"))));
        AuditFixtures.send(kafka, second);
        // the same visit key, so the same partition: once this one is stored, the two before it were consumed
        String marker = UUID.randomUUID().toString();
        AuditFixtures.send(kafka, CallQualityEvents.report(configurationId, appointment, marker, 1, STARTED.plusHours(1),
                List.of()));
        awaitVersion(configurationId, marker, 1);

        Map<String, Object> kept = row(configurationId, callRecord);
        assertEquals(2L, ((Number) kept.get("version")).longValue());
        assertEquals(second.id(), kept.get("event_id"));
        assertEquals(storedAt, kept.get("received_at"), "the replay did not rewrite the row");
        assertEquals(second.data().participants(), StoredParticipants.fromJson((String) kept.get("participants_json")));

        CloudEvent<CallQualityReported> third = AuditFixtures.send(kafka, CallQualityEvents.report(configurationId,
                appointment, callRecord, 3, STARTED, List.of(goodProvider("doc-1"), poorPatient("pat-9"))));
        Map<String, Object> replaced = awaitVersion(configurationId, callRecord, 3);
        assertEquals(third.data().participants(), StoredParticipants.fromJson((String) replaced.get("participants_json")));
        assertEquals(2L, count("select count(*) from call_quality where visit_key = ?",
                Topics.visitKey(configurationId, appointment)), "one row per call record");
    }

    @Test
    void anEventOfAConfigurationNeverPublishedIsDeadLetteredAfterRetries() {
        String unknown = UUID.randomUUID().toString();
        String callRecord = UUID.randomUUID().toString();
        CloudEvent<CallQualityReported> orphan = AuditFixtures.send(kafka, CallQualityEvents.report(unknown,
                AuditFixtures.appointmentId(), callRecord, 1, STARTED, List.of(goodProvider("doc-1"))));

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(orphan.id());

        String reason = KafkaTestClient.header(deadLetter, DeadLetter.REASON_HEADER);
        assertTrue(reason.contains("call-quality") && reason.contains("UnknownConfigurationException"), reason);
        assertEquals(orphan.subject(), deadLetter.key());
        assertEquals(0L, count("select count(*) from call_quality where call_record_id = ?", callRecord));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAtOnce() {
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.CALL_QUALITY, "some/key", "{\"id\":\"" + marker + "\"}", Map.of());

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(marker);

        assertEquals(MalformedEventException.class.getName(),
                KafkaTestClient.header(deadLetter, DeadLetter.EXCEPTION_CLASS_HEADER));
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String contained) {
        return kafka.awaitRecord(Topics.deadLetterOf(Topics.CALL_QUALITY),
                        record -> record.value() != null && record.value().contains(contained), WAIT)
                .orElseThrow(() -> new AssertionError("no dead letter"));
    }

    private static Map<String, Object> awaitVersion(String configurationId, String callRecord, long version) {
        await().atMost(WAIT).until(() -> ServiceDatabase.value("select version from call_quality where"
                + " configuration_id = ? and call_record_id = ?", configurationId, callRecord) instanceof Number stored
                && stored.longValue() == version);
        return row(configurationId, callRecord);
    }

    private static Map<String, Object> row(String configurationId, String callRecord) {
        return ServiceDatabase.query("select * from call_quality where configuration_id = ? and call_record_id = ?",
                configurationId, callRecord).getFirst();
    }

    private static long count(String sql, Object... params) {
        return ((Number) ServiceDatabase.value(sql, params)).longValue();
    }
}
