package io.ehrconnector.config.entity;

import io.ehrconnector.config.client.FhirVersion;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One FHIR base URL of a hospital (a tenant) in one Epic environment, with who must approve it and where its approval
 * stands. The lifecycle rules live in {@link io.ehrconnector.config.service.ConfigurationLifecycle}.
 */
@Entity
@Table(name = "fhir_configuration")
public class FhirConfiguration {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Environment environment;

    @Column(name = "fhir_base_url", nullable = false, unique = true)
    public String fhirBaseUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "fhir_version", nullable = false)
    public FhirVersion fhirVersion;

    /** The Epic customer analyst who must approve: their Microsoft 365 sign-in name, lower case. */
    @Column(name = "approver_username", nullable = false)
    public String approverUsername;

    @Column(name = "organization_name", nullable = false)
    public String organizationName;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /**
     * How audit-service writes connects and disconnects back to the EHR; chosen by the admin, beside the approved settings
     * (changing it keeps the approval).
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "ehr_write_back", nullable = false)
    public EhrWriteBack ehrWriteBack = EhrWriteBack.FHIR_AUDIT_EVENT;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConfigurationStatus status;

    /** Increases by one on every change; the version of the published snapshot. */
    @Column(nullable = false)
    public long version;

    /** When the approver last completed a SMART authorization against this URL (reset by every edit). */
    @Column(name = "smart_validated_at")
    public OffsetDateTime smartValidatedAt;

    @Column(name = "smart_validated_by")
    public String smartValidatedBy;

    /** The Entra object id of whoever validated: approval must come from that same account. */
    @Column(name = "smart_validated_by_oid")
    public String smartValidatedByOid;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_by_oid")
    public String approvedByOid;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
