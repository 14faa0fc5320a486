package io.ehrconnector.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One entry of a tenant's change history: who did what to which configuration, and when. */
@Entity
@Table(name = "configuration_change")
public class ConfigurationChange {

    public enum Action {
        REGISTERED, UPDATED, SMART_VALIDATED, APPROVED, DISABLED, ENABLED,
        /** SMS settings of the configuration (or its tenant's) changed; approval unaffected. */
        SMS_CHANGED,
        /** How connects and disconnects are written back to the EHR changed (and nothing else); approval unaffected. */
        EHR_WRITE_BACK_CHANGED,
        CERTIFICATE_UPLOADED, CERTIFICATE_REMOVED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "configuration_id")
    public String configurationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Column(name = "actor_username", nullable = false)
    public String actorUsername;

    @Column(name = "actor_object_id", nullable = false)
    public String actorObjectId;

    /** What changed: field names and non-secret values, e.g. {@code approverUsername: a@x -> b@x}. */
    public String details;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;
}
