package io.ehrconnector.config.certificates;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An accepted upload: the certificate, its DER encoding (what is stored) and what the views show of it.
 *
 * @param fingerprint  SHA-256 of the DER encoding, upper-case hex pairs joined by colons, as
 *                     {@code openssl x509 -noout -fingerprint -sha256} prints it
 * @param serialNumber upper-case hex
 * @param keySize      RSA modulus bits, or the EC curve's field size in bits
 * @param notices      what the uploader should know although the upload was accepted (only the first certificate of a
 *                     chain kept, expiry close)
 */
record ParsedCertificate(X509Certificate certificate, byte[] der, String fingerprint, String subject, String issuer,
                         String serialNumber, Instant notBefore, Instant notAfter, String keyAlgorithm, int keySize,
                         List<String> notices) {

    ParsedCertificate {
        notices = List.copyOf(notices);
    }

    @Override
    public String toString() {
        return "ParsedCertificate[" + fingerprint + "]";
    }
}
