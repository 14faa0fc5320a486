package io.ehrconnector.config.certificates;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One of a tenant's EHR certificates for one Epic environment (table {@code ehr_certificate}, see
 * {@code V5__ehr_certificates.sql}): the DER encoding and what the views show of it, read once at upload. Public material
 * only. Inserted once; its status changes and removal are statements in {@link EhrCertificateRepository}, never changes of a
 * loaded instance.
 */
@Entity
@Table(name = "ehr_certificate")
public class EhrCertificate {

    @Id
    UUID id;

    @Column(name = "tenant_id", nullable = false)
    String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Environment environment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    CertificateStatus status;

    /** The certificate as uploaded (DER); the PEM download is made from it. */
    @Column(name = "certificate_der", nullable = false)
    byte[] der;

    /** SHA-256 of {@link #der}, upper-case hex pairs joined by colons. */
    @Column(name = "fingerprint_sha256", nullable = false)
    String fingerprint;

    /** Subject distinguished name (RFC 2253). */
    @Column(name = "subject_dn", nullable = false)
    String subject;

    /** Issuer distinguished name (RFC 2253). */
    @Column(name = "issuer_dn", nullable = false)
    String issuer;

    /** Upper-case hex. */
    @Column(name = "serial_number", nullable = false)
    String serialNumber;

    @Column(name = "not_before", nullable = false)
    OffsetDateTime notBefore;

    @Column(name = "not_after", nullable = false)
    OffsetDateTime notAfter;

    /** {@code RSA}, {@code RSASSA-PSS} or {@code EC}. */
    @Column(name = "key_algorithm", nullable = false)
    String keyAlgorithm;

    /** RSA modulus bits, or the EC curve's field size in bits. */
    @Column(name = "key_size", nullable = false)
    int keySize;

    @Column(name = "uploaded_at", nullable = false)
    OffsetDateTime uploadedAt;

    /** The admin's sign-in name. */
    @Column(name = "uploaded_by", nullable = false)
    String uploadedBy;

    /** The admin's Entra object id. */
    @Column(name = "uploaded_by_object_id", nullable = false)
    String uploadedByObjectId;

    @Override
    public String toString() {
        return "EhrCertificate[" + tenantId + " " + environment + " " + status + " " + fingerprint + "]";
    }
}
