package io.ehrconnector.audit.retention;

import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Old audit rows, visit reports, call quality and written write-backs go; recent ones, and audit rows whose write-back is
 * still queued, stay.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class AuditRetentionTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    private static final OffsetDateTime SEVEN_YEARS_AGO = NOW.minusYears(7);

    @Inject
    AuditRetention retention;

    @Test
    void rowsPastTheirRetentionGoAndTheRestStays() throws Throwable {
        String configurationId = UUID.randomUUID().toString();
        String oldVisit = auditRow(configurationId, SEVEN_YEARS_AGO);
        String recentVisit = auditRow(configurationId, NOW.minusDays(40));
        String oldButQueued = auditRow(configurationId, SEVEN_YEARS_AGO);
        String oldAndParked = auditRow(configurationId, SEVEN_YEARS_AGO);
        write(oldVisit, "written_at", SEVEN_YEARS_AGO);
        write(recentVisit, "written_at", NOW.minusDays(40));
        write(oldButQueued, null, null);
        write(oldAndParked, "parked_at", SEVEN_YEARS_AGO);
        visitReport(configurationId, SEVEN_YEARS_AGO);
        String recentReport = visitReport(configurationId, NOW.minusDays(40));
        callQuality(configurationId, SEVEN_YEARS_AGO);
        String recentCall = callQuality(configurationId, NOW.minusDays(40));

        VertxContextSupport.subscribeAndAwait(() -> retention.purgeOnce(Instant.now()));

        assertEquals(List.of(recentVisit, oldButQueued), ids("select event_id from audit_event where configuration_id = ?"
                + " order by occurred_at desc", configurationId));
        assertEquals(List.of(oldButQueued), ids("select w.event_id from ehr_write w join audit_event a using (event_id)"
                + " where a.configuration_id = ?", configurationId));
        assertEquals(List.of(recentReport), ids("select visit_key from visit_report where configuration_id = ?",
                configurationId));
        assertEquals(List.of(recentCall), ids("select call_record_id from call_quality where configuration_id = ?",
                configurationId));
    }

    @Test
    void anAuditLogShorterThanTheTopicsReplayWindowIsRefused() {
        assertThrows(IllegalStateException.class, () -> new AuditRetention(null, Duration.ofDays(30), Duration.ofDays(30)));
        assertThrows(IllegalStateException.class, () -> new AuditRetention(null, Duration.ofDays(400), Duration.ofDays(365)));
    }

    private static List<String> ids(String sql, String configurationId) {
        return ServiceDatabase.query(sql, configurationId).stream()
                .map(row -> (String) row.values().iterator().next()).toList();
    }

    private static String auditRow(String configurationId, OffsetDateTime occurredAt) {
        String eventId = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into audit_event (event_id, event_type, occurred_at, recorded_at, configuration_id,"
                        + " tenant_id, environment, appointment_id, detail_json) values (?, ?, ?, ?, ?, ?, 'TEST', ?, '{}')",
                eventId, "io.ehrconnector.participant.connected.v1", occurredAt, occurredAt, configurationId,
                UUID.randomUUID().toString(), "appointment-" + eventId);
        return eventId;
    }

    /** A write-back row of the audit row, {@code state} ({@code written_at} or {@code parked_at}) at {@code at}, or queued. */
    private static void write(String eventId, String state, OffsetDateTime at) {
        ServiceDatabase.execute("insert into ehr_write (event_id, visit_key, source_topic, source_partition, source_offset,"
                        + " source_record, created_at, next_attempt_at" + (state == null ? "" : ", " + state) + ")"
                        + " values (?, ?, 'ehrconnector.visit-participants', 0, 0, '{}', ?, ?" + (state == null ? "" : ", ?") + ")",
                state == null ? new Object[]{eventId, eventId, NOW, NOW.plusYears(10)}
                        : new Object[]{eventId, eventId, at, NOW.plusYears(10), at});
    }

    private static String visitReport(String configurationId, OffsetDateTime visitAt) {
        String visitKey = configurationId + "/" + UUID.randomUUID();
        ServiceDatabase.execute("insert into visit_report (visit_key, configuration_id, appointment_id, tenant_id, environment,"
                        + " visit_at, present_now, peak_attendees, providers, patients, guests, sms_sent, updated_at)"
                        + " values (?, ?, ?, ?, 'TEST', ?, 0, 0, 0, 0, 0, 0, ?)",
                visitKey, configurationId, visitKey, UUID.randomUUID().toString(), visitAt, visitAt);
        return visitKey;
    }

    /** A call record of a visit whose call ended at {@code endedAt}; returns its call record id. */
    private static String callQuality(String configurationId, OffsetDateTime endedAt) {
        String callRecordId = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into call_quality (configuration_id, call_record_id, visit_key, appointment_id,"
                        + " tenant_id, meeting_id, version, call_started_at, call_ended_at, participants_json, event_id,"
                        + " received_at) values (?, ?, ?, 'a', 't', 'm', 1, ?, ?, '[]', ?, ?)",
                configurationId, callRecordId, configurationId + "/a", endedAt.minusMinutes(20), endedAt,
                UUID.randomUUID().toString(), endedAt);
        return callRecordId;
    }
}
