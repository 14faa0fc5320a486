package io.ehrconnector.hl7ingest.https;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.hl7ingest.routing.ApprovedConfigurations;
import io.ehrconnector.testing.EhrInterfaceIdentity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The signature scheme of docs/hl7-over-https.md, every way a signature can be wrong. */
class BodySignaturesTest {

    private static final byte[] BODY = "MSH|^~\\&|EPIC|NWH|TEAMS|NWH|20261122101500||SIU^S12|1|P|2.5.1\r"
            .getBytes(StandardCharsets.UTF_8);
    private static final EhrInterfaceIdentity EPIC = EhrInterfaceIdentity.ec("epic");
    private static final EhrInterfaceIdentity EPIC_RSA = EhrInterfaceIdentity.rsa("epic-rsa");

    private final BodySignatures signatures = new BodySignatures(Duration.ofMinutes(5));
    private final Instant now = Instant.now();

    @Test
    void ecAndRsaSignaturesOfTheUploadedCertificateVerify() {
        ApprovedConfigurations.View view = view(Environment.TEST, EPIC.asUploaded(), EPIC_RSA.asUploaded());
        BodySignatures.Verified ec = signatures.verify(EPIC.sign(BODY, now, "n-1"), BODY, Environment.TEST, view, now);
        assertEquals(EPIC.asUploaded().fingerprintSha256(), ec.fingerprintSha256());
        assertEquals("n-1", ec.jti());
        BodySignatures.Verified rsa = signatures.verify(EPIC_RSA.sign(BODY), BODY, Environment.TEST, view, now);
        assertEquals(EPIC_RSA.asUploaded().fingerprintSha256(), rsa.fingerprintSha256());
    }

    @Test
    void missingMalformedForgedTamperedAndUnknownSignaturesAreRefused() {
        ApprovedConfigurations.View view = view(Environment.TEST, EPIC.asUploaded());
        assertRefused("signature-missing", null, BODY, view);
        assertRefused("signature-malformed", "not a jws", BODY, view);
        assertRefused("signature-invalid", EPIC.sign(BODY), "MSH|changed".getBytes(StandardCharsets.UTF_8), view);

        // Another key claiming the uploaded certificate: the header names EPIC's certificate, the signature is the forger's.
        EhrInterfaceIdentity forger = EhrInterfaceIdentity.ec("forger");
        String forged = EPIC.sign(BODY).split("\\.")[0] + ".." + forger.sign(BODY).split("\\.")[2];
        assertRefused("signature-invalid", forged, BODY, view);

        assertRefused("signature-unknown-certificate", forger.sign(BODY), BODY, view);
        assertRefused("signature-unknown-certificate", EPIC.sign(BODY), BODY, view(Environment.PRODUCTION, EPIC.asUploaded()));
    }

    @Test
    void oldFutureAndNonceLessSignaturesAreRefused() {
        ApprovedConfigurations.View view = view(Environment.TEST, EPIC.asUploaded());
        assertRefused("signature-expired", EPIC.sign(BODY, now.minus(Duration.ofMinutes(6)), "a"), BODY, view);
        assertRefused("signature-expired", EPIC.sign(BODY, now.plus(Duration.ofMinutes(6)), "b"), BODY, view);
        assertRefused("signature-malformed", EPIC.sign(BODY, now, ""), BODY, view);
        assertRefused("signature-malformed", EPIC.sign(BODY, now, "x".repeat(129)), BODY, view);
    }

    @Test
    void unsignedAndSymmetricAlgorithmsAreRefusedWhateverTheHeaderSays() {
        ApprovedConfigurations.View view = view(Environment.TEST, EPIC.asUploaded());
        String thumbprint = EPIC.sign(BODY).split("\\.")[0];
        String x5t = new String(Base64.getUrlDecoder().decode(thumbprint), StandardCharsets.UTF_8)
                .replaceAll(".*\"x5t#S256\":\"([^\"]+)\".*", "$1");
        for (String alg : List.of("none", "HS256")) {
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"" + alg
                    + "\",\"x5t#S256\":\"" + x5t + "\",\"iat\":" + now.getEpochSecond() + ",\"jti\":\"z\"}")
                    .getBytes(StandardCharsets.UTF_8));
            SignatureRefused refused = assertThrows(SignatureRefused.class, () -> signatures.verify(header + "..c2ln",
                    BODY, Environment.TEST, view, now));
            assertEquals(true, refused.type().equals("signature-algorithm") || refused.type().equals("signature-malformed"),
                    alg + ": " + refused.type());
        }
    }

    @Test
    void anExpiredCertificateNoLongerSigns() {
        EhrInterfaceIdentity old = EhrInterfaceIdentity.ec("old", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        assertRefused("signature-certificate-expired", old.sign(BODY), BODY, view(Environment.TEST, old.asUploaded()));
    }

    private void assertRefused(String type, String signature, byte[] body, ApprovedConfigurations.View view) {
        SignatureRefused refused = assertThrows(SignatureRefused.class,
                () -> signatures.verify(signature, body, Environment.TEST, view, now));
        assertEquals(type, refused.type(), refused.detail());
    }

    private static ApprovedConfigurations.View view(Environment environment, EhrCertificate... certificates) {
        String id = UUID.randomUUID().toString();
        return new ApprovedConfigurations.View(Map.of(id, new ConfigurationSnapshot(id, UUID.randomUUID().toString(),
                environment, "https://ehr.example.org/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED, 1, null,
                "America/Chicago", null, List.of(certificates), OffsetDateTime.now(ZoneOffset.UTC))));
    }
}
