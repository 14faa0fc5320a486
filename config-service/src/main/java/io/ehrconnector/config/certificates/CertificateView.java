package io.ehrconnector.config.certificates;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the API shows of one EHR certificate (never its key material beyond the public certificate itself, which is only
 * served by the PEM download).
 *
 * @param fingerprint     SHA-256 of the DER encoding, upper-case hex pairs joined by colons; compare it with what Epic or
 *                        {@code openssl x509 -noout -fingerprint -sha256} shows
 * @param daysUntilExpiry whole days from now to {@code notAfter}; negative once expired
 * @param keySize         RSA modulus bits, or the EC curve's field size in bits
 * @param uploadedBy      the admin's sign-in name
 */
public record CertificateView(Environment environment, CertificateStatus status, String fingerprint, String subject,
                              String issuer, String serialNumber, OffsetDateTime notBefore, OffsetDateTime notAfter,
                              long daysUntilExpiry, String keyAlgorithm, int keySize, OffsetDateTime uploadedAt,
                              String uploadedBy) {

    static CertificateView of(EhrCertificate c, Instant now) {
        return of(c, c.status, now);
    }

    /** The view of {@code c} with {@code status} (for a row whose status a statement just changed). */
    static CertificateView of(EhrCertificate c, CertificateStatus status, Instant now) {
        long days = Math.floorDiv(Duration.between(now, c.notAfter.toInstant()).toSeconds(), Duration.ofDays(1).toSeconds());
        return new CertificateView(c.environment, status, c.fingerprint, c.subject, c.issuer, c.serialNumber, c.notBefore,
                c.notAfter, days, c.keyAlgorithm, c.keySize, c.uploadedAt, c.uploadedBy);
    }
}
