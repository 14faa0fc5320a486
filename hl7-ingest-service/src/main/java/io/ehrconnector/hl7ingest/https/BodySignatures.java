package io.ehrconnector.hl7ingest.https;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.hl7ingest.routing.ApprovedConfigurations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the signature of an HL7 message posted over HTTPS (the scheme of docs/hl7-over-https.md): a JWS in compact form
 * with detached payload (RFC 7515 appendix F) over the exact body bytes, signed with the private key of the EHR certificate
 * uploaded for the environment, naming that certificate by its {@code x5t#S256} thumbprint, and carrying {@code iat} (seconds
 * since the epoch) and {@code jti} (unique per request) in its protected header. This class checks everything but the
 * {@code jti}'s uniqueness, which needs the database ({@link SignatureNonces}).
 */
public final class BodySignatures {

    /** Asymmetric algorithms only: never {@code none} or a shared secret (HS*), whatever the header asks. */
    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    static final int MAX_JTI_LENGTH = 128;

    /** A signature that verified: who signed, and the nonce to be checked for replay. */
    public record Verified(String fingerprintSha256, String jti, Instant issuedAt) {
    }

    private final Duration maxClockSkew;

    public BodySignatures(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    /** The signer of {@code body}, or {@link SignatureRefused} saying why the signature does not do. */
    public Verified verify(String signature, byte[] body, Environment environment, ApprovedConfigurations.View approved,
                           Instant now) {
        if (signature == null || signature.isBlank()) {
            throw new SignatureRefused("signature-missing", "Sign the body: the " + Hl7PostResource.SIGNATURE_HEADER
                    + " header must carry a detached JWS of it (docs/hl7-over-https.md).");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(signature.trim(), new Payload(body));
        } catch (ParseException e) {
            throw new SignatureRefused("signature-malformed", "The signature is not a JWS in compact form with a detached"
                    + " payload (header..signature).");
        }
        if (!ACCEPTED.contains(jws.getHeader().getAlgorithm())) {
            throw new SignatureRefused("signature-algorithm", "Sign with RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384"
                    + " or ES512.");
        }
        if (jws.getHeader().getX509CertSHA256Thumbprint() == null) {
            throw new SignatureRefused("signature-malformed", "The protected header must name the certificate with x5t#S256.");
        }
        String fingerprint = EhrCertificate.fingerprintOfDigest(jws.getHeader().getX509CertSHA256Thumbprint().decode());
        EhrCertificate pinned = approved.certificate(fingerprint, Optional.of(environment)).orElseThrow(() ->
                new SignatureRefused("signature-unknown-certificate", "No approved configuration of the "
                        + environment.name().toLowerCase(java.util.Locale.ROOT) + " environment has this certificate;"
                        + " upload it in the connector (or post to the environment it was uploaded for)."));
        try {
            if (!jws.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(), publicKey(pinned)))) {
                throw new SignatureRefused("signature-invalid", "The signature does not verify with the uploaded certificate"
                        + " over this body; sign the exact bytes sent, with the certificate's private key.");
            }
        } catch (JOSEException e) {
            throw new SignatureRefused("signature-invalid", "The signature's algorithm does not fit the certificate's key.");
        }
        // Only the holder of the key learns more than "unknown or invalid" from here on.
        if (approved.pinStatus(fingerprint, Optional.of(environment), now) != ApprovedConfigurations.PinStatus.SERVING) {
            throw new SignatureRefused("signature-certificate-expired", "The certificate is outside its validity period ("
                    + pinned.notBefore() + " to " + pinned.notAfter() + "); upload its successor in the connector.");
        }
        Instant issuedAt = issuedAt(jws);
        if (issuedAt.isBefore(now.minus(maxClockSkew)) || issuedAt.isAfter(now.plus(maxClockSkew))) {
            throw new SignatureRefused("signature-expired", "iat is more than " + maxClockSkew.toMinutes() + " minutes from"
                    + " the connector's clock: sign each attempt anew, and keep the interface engine's clock in sync.");
        }
        Object jti = jws.getHeader().getCustomParam("jti");
        if (!(jti instanceof String nonce) || nonce.isBlank() || nonce.length() > MAX_JTI_LENGTH) {
            throw new SignatureRefused("signature-malformed", "The protected header must carry jti, a unique string of at most "
                    + MAX_JTI_LENGTH + " characters per request.");
        }
        return new Verified(fingerprint, nonce, issuedAt);
    }

    private static Instant issuedAt(JWSObject jws) {
        if (jws.getHeader().getCustomParam("iat") instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        throw new SignatureRefused("signature-malformed", "The protected header must carry iat, the signing time in seconds"
                + " since 1970-01-01T00:00Z.");
    }

    private static PublicKey publicKey(EhrCertificate pinned) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                    pinned.certificatePem().getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        } catch (CertificateException e) {
            throw new IllegalStateException("an uploaded certificate does not read", e);
        }
    }
}
