package io.ehrconnector.audit.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import java.time.OffsetDateTime;

/** One visit's row of {@code visit_report}: its {@link VisitSummary} as last computed, and its status as of the read. */
@Entity
@Table(name = "visit_report")
public class VisitReport {

    /**
     * {@link VisitStatus} in SQL, because it depends on the time the report is read: a started visit is in progress while
     * anyone is present, else completed; one that has not started is cancelled or a no-show when the EHR says so, waiting
     * while someone is in the meeting, a no-show once {@code no_show_after} passed, else scheduled.
     */
    static final String STATUS_SQL = "case when started_at is not null then"
            + " (case when present_now > 0 then 'IN_PROGRESS' else 'COMPLETED' end)"
            + " when appointment_status in ('CANCELLED', 'DELETED') then 'CANCELLED'"
            + " when appointment_status = 'NO_SHOW' then 'NO_SHOW'"
            + " when present_now > 0 then 'WAITING'"
            + " when no_show_after < now() then 'NO_SHOW'"
            + " else 'SCHEDULED' end";

    @Id
    @Column(name = "visit_key")
    public String visitKey;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Column(name = "appointment_id", nullable = false)
    public String appointmentId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "visit_at", nullable = false)
    public OffsetDateTime visitAt;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "appointment_status")
    public String appointmentStatus;

    @Column(name = "scheduled_start")
    public OffsetDateTime scheduledStart;

    @Column(name = "scheduled_end")
    public OffsetDateTime scheduledEnd;

    @Column(name = "first_joined_at")
    public OffsetDateTime firstJoinedAt;

    @Column(name = "first_patient_at")
    public OffsetDateTime firstPatientAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "present_now", nullable = false)
    public int presentNow;

    @Column(name = "peak_attendees", nullable = false)
    public int peakAttendees;

    @Column(nullable = false)
    public int providers;

    @Column(nullable = false)
    public int patients;

    @Column(nullable = false)
    public int guests;

    @Column(name = "sms_sent", nullable = false)
    public int smsSent;

    @Column(name = "no_show_after")
    public OffsetDateTime noShowAfter;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Formula(STATUS_SQL)
    @Enumerated(EnumType.STRING)
    public VisitStatus status;
}
