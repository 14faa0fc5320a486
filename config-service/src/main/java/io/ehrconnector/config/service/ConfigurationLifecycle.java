package io.ehrconnector.config.service;

import io.ehrconnector.config.entity.ConfigurationStatus;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.security.Caller;

import java.time.Duration;
import java.time.OffsetDateTime;

import static io.ehrconnector.config.entity.ConfigurationStatus.APPROVED;
import static io.ehrconnector.config.entity.ConfigurationStatus.DISABLED;
import static io.ehrconnector.config.entity.ConfigurationStatus.PENDING_APPROVAL;

/**
 * The states of a configuration and the only ways between them:
 *
 * <pre>
 *   register ──▶ PENDING_APPROVAL ──(approver: SMART validation, then approve)──▶ APPROVED
 *                      ▲  ▲                                                         │
 *                      │  └──────────────────── admin edits ◀───────────────────────┘
 *                      └── admin enables ◀── DISABLED ◀── admin disables (from either)
 * </pre>
 *
 * Every change bumps the version. An edit clears the SMART validation and the approval, so a changed URL or approver is
 * always approved again by the (possibly new) named analyst; an edit of a disabled configuration leaves it disabled.
 * Changes beside the approved settings (SMS, EHR certificates, the EHR write-back) are {@link #republished}: a new version,
 * the state and approval untouched.
 */
public final class ConfigurationLifecycle {

    private final Duration validationMaxAge;

    public ConfigurationLifecycle(Duration validationMaxAge) {
        this.validationMaxAge = validationMaxAge;
    }

    public void register(FhirConfiguration c, Caller admin, OffsetDateTime now) {
        c.status = PENDING_APPROVAL;
        c.version = 1;
        c.createdAt = now;
        c.createdBy = admin.username();
        touch(c, admin, now);
    }

    public void edited(FhirConfiguration c, Caller admin, OffsetDateTime now) {
        if (c.status == APPROVED) {
            c.status = PENDING_APPROVAL;
        }
        clearApproval(c);
        bump(c, admin, now);
    }

    /** Fails unless {@code analyst} may start a SMART validation of {@code c} now; changes nothing. */
    public void checkCanValidate(FhirConfiguration c, Caller analyst) {
        requireState(c, "validated", PENDING_APPROVAL);
        requireApprover(c, analyst, "complete the SMART validation");
    }

    public void smartValidated(FhirConfiguration c, Caller analyst, OffsetDateTime now) {
        checkCanValidate(c, analyst);
        c.smartValidatedAt = now;
        c.smartValidatedBy = analyst.username();
        c.smartValidatedByOid = analyst.objectId();
        bump(c, analyst, now);
    }

    public void approve(FhirConfiguration c, Caller analyst, OffsetDateTime now) {
        requireState(c, "approved", PENDING_APPROVAL);
        requireApprover(c, analyst, "approve it");
        if (c.smartValidatedAt == null) {
            throw new LifecycleViolation(LifecycleViolation.Kind.NOT_VALIDATED,
                    "Sign in to Epic first (SMART validation of " + c.fhirBaseUrl + "), then approve.");
        }
        if (!analyst.objectId().equals(c.smartValidatedByOid)) {
            throw new LifecycleViolation(LifecycleViolation.Kind.NOT_VALIDATED, "The Epic sign-in for " + c.fhirBaseUrl
                    + " was completed by another Microsoft 365 account; sign in to Epic yourself, then approve.");
        }
        if (c.smartValidatedAt.plus(validationMaxAge).isBefore(now)) {
            throw new LifecycleViolation(LifecycleViolation.Kind.NOT_VALIDATED, "The SMART validation is older than "
                    + validationMaxAge.toHours() + " hours; sign in to Epic again, then approve.");
        }
        c.status = APPROVED;
        c.approvedAt = now;
        c.approvedBy = analyst.username();
        c.approvedByOid = analyst.objectId();
        bump(c, analyst, now);
    }

    /**
     * A change beside the approved settings (SMS, EHR certificates, the EHR write-back): a new version to publish, the
     * approval untouched.
     */
    public void republished(FhirConfiguration c, Caller actor, OffsetDateTime now) {
        bump(c, actor, now);
    }

    public void disable(FhirConfiguration c, Caller admin, OffsetDateTime now) {
        requireState(c, "disabled", PENDING_APPROVAL, APPROVED);
        c.status = DISABLED;
        clearApproval(c);
        bump(c, admin, now);
    }

    public void enable(FhirConfiguration c, Caller admin, OffsetDateTime now) {
        requireState(c, "enabled", DISABLED);
        c.status = PENDING_APPROVAL;
        bump(c, admin, now);
    }

    private static void requireState(FhirConfiguration c, String step, ConfigurationStatus... allowed) {
        for (ConfigurationStatus status : allowed) {
            if (c.status == status) {
                return;
            }
        }
        throw new LifecycleViolation(LifecycleViolation.Kind.WRONG_STATE,
                "This configuration is " + describe(c.status) + ", so it cannot be " + step + " now.");
    }

    private static void requireApprover(FhirConfiguration c, Caller analyst, String step) {
        if (!analyst.isAnalyst() || !c.approverUsername.equals(analyst.username())) {
            throw new LifecycleViolation(LifecycleViolation.Kind.NOT_THE_APPROVER, "Only the named approver ("
                    + c.approverUsername + ", with the analyst role) can " + step + ".");
        }
    }

    private static String describe(ConfigurationStatus status) {
        return switch (status) {
            case PENDING_APPROVAL -> "pending approval";
            case APPROVED -> "approved";
            case DISABLED -> "disabled";
        };
    }

    private static void clearApproval(FhirConfiguration c) {
        c.smartValidatedAt = null;
        c.smartValidatedBy = null;
        c.smartValidatedByOid = null;
        c.approvedAt = null;
        c.approvedBy = null;
        c.approvedByOid = null;
    }

    private static void bump(FhirConfiguration c, Caller actor, OffsetDateTime now) {
        c.version++;
        touch(c, actor, now);
    }

    private static void touch(FhirConfiguration c, Caller actor, OffsetDateTime now) {
        c.updatedAt = now;
        c.updatedBy = actor.username();
    }
}
