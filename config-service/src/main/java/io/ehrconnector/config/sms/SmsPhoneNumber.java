package io.ehrconnector.config.sms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A hospital's own sending number (E.164, +1 NANP) in the tenant's Azure Communication Services resource, and the job that
 * bought (or releases) it. While {@link #status} is {@link Status#PROVISIONING} or {@link Status#RELEASING} the replica that
 * holds the lease ({@link #leaseOwner} until {@link #leaseUntil}) advances the job and writes {@link #jobStep} and
 * {@link #progress} as it goes.
 */
@Entity
@Table(name = "sms_phone_number")
public class SmsPhoneNumber {

    public enum Type { TOLL_FREE, LOCAL }

    public enum Status {
        /** A job is searching for and buying the number. */
        PROVISIONING,
        /** Owned by the resource; may be linked to URLs and send texts. */
        ACTIVE,
        /** The job ended without a number ({@link #error} says why); nothing is owned. */
        FAILED,
        /** Unlinked everywhere; a job is giving it back to Azure. */
        RELEASING,
        /** Given back (or, for a failed job, dismissed). */
        RELEASED
    }

    /** Where the job stands, as the portal shows it. */
    public enum JobStep { QUEUED, SEARCHING, PURCHASING, ACTIVE, FAILED, RELEASING, RELEASED }

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** E.164, null until the search found one. */
    @Column(name = "phone_number")
    public String phoneNumber;

    @Column(name = "acs_phone_number_id")
    public String acsPhoneNumberId;

    @Enumerated(EnumType.STRING)
    @Column(name = "number_type", nullable = false)
    public Type type;

    @Column(name = "area_code")
    public String areaCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "job_step", nullable = false)
    public JobStep jobStep;

    /** What the job is doing now, for people. */
    public String progress;

    /** Why the job failed, for people (what happened and what to do). */
    public String error;

    @Column(name = "acs_search_id")
    public String acsSearchId;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_by_oid", nullable = false)
    public String createdByOid;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    boolean active() {
        return status == Status.ACTIVE;
    }
}
