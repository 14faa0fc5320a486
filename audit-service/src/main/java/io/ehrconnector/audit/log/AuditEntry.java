package io.ehrconnector.audit.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One row of the audit log ({@code audit_event}): ids, the event type, times and enum values, never a name or a number. */
@Entity
@Table(name = "audit_event")
public class AuditEntry {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "appointment_id")
    public String appointmentId;

    @Column(name = "meeting_id")
    public String meetingId;

    public String role;

    @Column(name = "participant_id")
    public String participantId;

    @Column(name = "ehr_user_id")
    public String ehrUserId;

    /** The event's enum values as a JSON object (see {@link AuditEntries}). */
    @Column(name = "detail_json", nullable = false)
    public String detailJson;
}
