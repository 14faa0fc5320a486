package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.Topics;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** One Teams call record of a visit's meeting, its newest version: a row of {@code call_quality}. */
@Entity
@Table(name = "call_quality")
@IdClass(CallQualityRecord.Key.class)
public class CallQualityRecord {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "call_record_id")
    public String callRecordId;

    @Column(name = "visit_key", nullable = false)
    public String visitKey;

    @Column(name = "appointment_id", nullable = false)
    public String appointmentId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "meeting_id", nullable = false)
    public String meetingId;

    @Column(nullable = false)
    public long version;

    @Column(name = "call_started_at", nullable = false)
    public OffsetDateTime callStartedAt;

    @Column(name = "call_ended_at", nullable = false)
    public OffsetDateTime callEndedAt;

    /** {@link CallQualityReported#participants()} as JSON ({@link StoredParticipants}). */
    @Column(name = "participants_json", nullable = false)
    public String participantsJson;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    static CallQualityRecord of(CloudEvent<CallQualityReported> event, String tenantId, OffsetDateTime receivedAt) {
        CallQualityReported report = event.data();
        CallQualityRecord record = new CallQualityRecord();
        record.configurationId = report.configurationId();
        record.callRecordId = report.callRecordId();
        record.visitKey = Topics.visitKey(report.configurationId(), report.appointmentId());
        record.appointmentId = report.appointmentId();
        record.tenantId = tenantId;
        record.meetingId = report.meetingId();
        record.version = report.callRecordVersion();
        record.callStartedAt = report.callStartedAt();
        record.callEndedAt = report.callEndedAt();
        record.participantsJson = StoredParticipants.toJson(report.participants());
        record.eventId = event.id();
        record.receivedAt = receivedAt;
        return record;
    }

    public List<CallQualityReported.ParticipantQuality> participants() {
        return StoredParticipants.fromJson(participantsJson);
    }

    /** The primary key: a call record id is Graph's, unique per tenant at most, so the configuration is part of it. */
    public static class Key implements Serializable {

        public String configurationId;
        public String callRecordId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(configurationId, key.configurationId)
                    && Objects.equals(callRecordId, key.callRecordId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(configurationId, callRecordId);
        }
    }
}
