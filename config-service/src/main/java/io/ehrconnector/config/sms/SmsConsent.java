package io.ehrconnector.config.sms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A tenant's two SMS consents (see {@link ConsentKind} for their texts): who gave each, when, and which text version they
 * saw. A consent is given when its {@code ...GivenAt} is set. Nothing else in SMS works until both are given.
 */
@Entity
@Table(name = "sms_consent")
public class SmsConsent {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "patients_given_at")
    public OffsetDateTime patientsGivenAt;

    @Column(name = "patients_given_by")
    public String patientsGivenBy;

    @Column(name = "patients_given_by_oid")
    public String patientsGivenByOid;

    @Column(name = "patients_text_version")
    public String patientsTextVersion;

    @Column(name = "acs_given_at")
    public OffsetDateTime acsGivenAt;

    @Column(name = "acs_given_by")
    public String acsGivenBy;

    @Column(name = "acs_given_by_oid")
    public String acsGivenByOid;

    @Column(name = "acs_text_version")
    public String acsTextVersion;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    boolean given(ConsentKind kind) {
        return (kind == ConsentKind.PATIENTS ? patientsGivenAt : acsGivenAt) != null;
    }

    boolean bothGiven() {
        return patientsGivenAt != null && acsGivenAt != null;
    }

    void give(ConsentKind kind, String username, String objectId, OffsetDateTime at) {
        if (kind == ConsentKind.PATIENTS) {
            patientsGivenAt = at;
            patientsGivenBy = username;
            patientsGivenByOid = objectId;
            patientsTextVersion = kind.textVersion();
        } else {
            acsGivenAt = at;
            acsGivenBy = username;
            acsGivenByOid = objectId;
            acsTextVersion = kind.textVersion();
        }
        updatedAt = at;
    }

    void withdraw(ConsentKind kind, OffsetDateTime at) {
        if (kind == ConsentKind.PATIENTS) {
            patientsGivenAt = null;
            patientsGivenBy = null;
            patientsGivenByOid = null;
            patientsTextVersion = null;
        } else {
            acsGivenAt = null;
            acsGivenBy = null;
            acsGivenByOid = null;
            acsTextVersion = null;
        }
        updatedAt = at;
    }
}
