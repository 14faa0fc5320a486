package io.ehrconnector.config.certificates;

import io.ehrconnector.config.certificates.InvalidCertificate.Reason;
import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.testing.standins.SelfSignedTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static io.ehrconnector.config.certificates.TestCertificates.base64;
import static io.ehrconnector.config.certificates.TestCertificates.der;
import static io.ehrconnector.config.certificates.TestCertificates.encryptedPkcs8;
import static io.ehrconnector.config.certificates.TestCertificates.fingerprint;
import static io.ehrconnector.config.certificates.TestCertificates.keyStore;
import static io.ehrconnector.config.certificates.TestCertificates.pem;
import static io.ehrconnector.config.certificates.TestCertificates.pkcs8;
import static io.ehrconnector.config.certificates.TestCertificates.traditional;
import static io.ehrconnector.config.certificates.TestCertificates.valid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the parser accepts and refuses, and that a refusal never quotes the upload. */
class CertificateParserTest {

    private final CertificateParser parser = new CertificateParser();
    private final Instant now = Instant.now();

    // ---- accepted ------------------------------------------------------------------------------------------------

    @Test
    void pemBase64AndDerOfOneCertificateGiveTheSameCertificate() {
        X509Certificate certificate = valid("epic-test");
        for (byte[] upload : List.of(ascii(pem(certificate)), ascii(base64(certificate)), der(certificate))) {
            ParsedCertificate parsed = parser.parse(upload, now);
            assertEquals(fingerprint(certificate), parsed.fingerprint());
            assertArrayEquals(der(certificate), parsed.der());
            assertEquals(certificate.getSubjectX500Principal(), parsed.certificate().getSubjectX500Principal());
            assertTrue(parsed.subject().contains("CN=epic-test-"), parsed.subject());
            assertEquals("EC", parsed.keyAlgorithm());
            assertEquals(256, parsed.keySize());
            assertEquals(certificate.getNotAfter().toInstant(), parsed.notAfter());
            assertEquals(certificate.getSerialNumber().toString(16).toUpperCase(), parsed.serialNumber());
            assertEquals(List.of(), parsed.notices());
        }
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInColonSeparatedHex() {
        X509Certificate certificate = valid("fingerprint");
        String fingerprint = parser.parse(der(certificate), now).fingerprint();
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    }

    @Test
    void rsaCertificatesOfAtLeast2048BitsAreAccepted() {
        ParsedCertificate parsed = parser.parse(der(valid("rsa", TestCertificates.rsa())), now);
        assertEquals("RSA", parsed.keyAlgorithm());
        assertEquals(2048, parsed.keySize());
    }

    @Test
    void pemWithWindowsLineEndsByteOrderMarkAndTextAroundIsAccepted() {
        X509Certificate certificate = valid("crlf");
        String text = "Certificate for Epic (test)\r\nsubject=CN=whatever\r\n" + pem(certificate).replace("\n", "\r\n")
                + "\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] upload = concat(bom, ascii(text));
        assertEquals(fingerprint(certificate), parser.parse(upload, now).fingerprint());
        String wrapped = base64(certificate).replaceAll("(.{76})", "$1\r\n");
        assertEquals(fingerprint(certificate), parser.parse(ascii(wrapped), now).fingerprint());
    }

    @Test
    void aChainStartingWithTheLeafKeepsTheLeafAndSaysSo() {
        KeyPair rootKeys = TestCertificates.ec();
        KeyPair leafKeys = TestCertificates.ec();
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofDays(200));
        X509Certificate root = SelfSignedTls.issuedCertificate("CN=Root CA", rootKeys.getPublic(), "CN=Root CA",
                rootKeys.getPrivate(), from, to);
        X509Certificate leaf = SelfSignedTls.issuedCertificate("CN=epic-hl7", leafKeys.getPublic(), "CN=Root CA",
                rootKeys.getPrivate(), from, to);

        ParsedCertificate parsed = parser.parse(ascii(pem(leaf) + pem(root)), now);
        assertEquals(fingerprint(leaf), parsed.fingerprint());
        assertEquals(1, parsed.notices().size());
        assertTrue(parsed.notices().get(0).contains("only the first"), parsed.notices().get(0));

        assertRefused(Reason.CHAIN_NOT_IN_ORDER, ascii(pem(root) + pem(leaf)));
        assertRefused(Reason.CHAIN_NOT_IN_ORDER, ascii(pem(valid("one")) + pem(valid("two"))));
        // Same names, but not signed by the next certificate's key.
        X509Certificate impostorRoot = SelfSignedTls.issuedCertificate("CN=Root CA", leafKeys.getPublic(), "CN=Root CA",
                leafKeys.getPrivate(), from, to);
        assertRefused(Reason.CHAIN_NOT_IN_ORDER, ascii(pem(leaf) + pem(impostorRoot)));
    }

    @Test
    void aCertificateExpiringSoonIsAcceptedWithANotice() {
        X509Certificate soon = TestCertificates.between("soon", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
        ParsedCertificate parsed = parser.parse(der(soon), now);
        assertEquals(1, parsed.notices().size());
        assertTrue(parsed.notices().get(0).contains(CertificateParser.DATE.format(soon.getNotAfter().toInstant())));
    }

    // ---- private keys --------------------------------------------------------------------------------------------

    @Test
    void everyFormOfPrivateKeyIsRefusedWithTheSameMessage() {
        KeyPair ec = TestCertificates.ec();
        KeyPair rsa = TestCertificates.rsa();
        X509Certificate certificate = valid("with-key", ec);
        List<byte[]> uploads = List.of(
                ascii(pem("PRIVATE KEY", pkcs8(ec))),
                ascii(pem("PRIVATE KEY", pkcs8(rsa))),
                ascii(pem("RSA PRIVATE KEY", traditional(rsa))),
                ascii(pem("EC PRIVATE KEY", traditional(ec))),
                ascii(pem("ENCRYPTED PRIVATE KEY", encryptedPkcs8(ec))),
                ascii("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n"
                        + "-----END RSA PRIVATE KEY-----\n"),
                ascii("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"),
                // a certificate with its key, in either order
                ascii(pem(certificate) + pem("PRIVATE KEY", pkcs8(ec))),
                ascii(pem("EC PRIVATE KEY", traditional(ec)) + pem(certificate)),
                // a BEGIN line without its END line
                ascii("-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(pkcs8(ec))),
                // DER, however sent
                pkcs8(ec), pkcs8(rsa), traditional(rsa), traditional(ec), encryptedPkcs8(rsa),
                Arrays.copyOf(pkcs8(rsa), 200),
                ascii(Base64.getEncoder().encodeToString(pkcs8(ec))),
                ascii(Base64.getMimeEncoder().encodeToString(traditional(rsa))),
                // a key mislabelled as a certificate
                ascii(pem("CERTIFICATE", pkcs8(ec))),
                ascii("PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nPrivate-Lines: 1\nAAAA\n"));
        for (byte[] upload : uploads) {
            InvalidCertificate refused = assertRefused(Reason.PRIVATE_KEY, upload);
            assertEquals(CertificateParser.PRIVATE_KEY_MESSAGE, refused.problem().detail());
        }
    }

    @Test
    void keyStoresAreRefusedAsPrivateKeys() {
        KeyPair ec = TestCertificates.ec();
        X509Certificate certificate = valid("store", ec);
        byte[] pkcs12 = keyStore("PKCS12", ec, certificate);
        for (byte[] upload : List.of(pkcs12, ascii(Base64.getEncoder().encodeToString(pkcs12)),
                keyStore("JKS", ec, certificate))) {
            InvalidCertificate refused = assertRefused(Reason.PRIVATE_KEY, upload);
            assertEquals(CertificateParser.KEY_STORE_MESSAGE, refused.problem().detail());
            assertTrue(refused.problem().detail().contains("have Epic issue a new one"));
        }
    }

    // ---- dates, keys, signatures ---------------------------------------------------------------------------------

    @Test
    void anExpiredCertificateIsRefusedWithTheDateItExpired() {
        Instant expiredAt = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate expired = TestCertificates.between("expired", expiredAt.minus(Duration.ofDays(365)), expiredAt);
        InvalidCertificate refused = assertRefused(Reason.EXPIRED, ascii(pem(expired)));
        assertTrue(refused.problem().detail().contains("expired on " + CertificateParser.DATE.format(expiredAt)),
                refused.problem().detail());
    }

    @Test
    void aCertificateNotValidYetIsRefusedWithTheDateFromWhichItIs() {
        Instant from = now.plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        X509Certificate future = TestCertificates.between("future", from, from.plus(Duration.ofDays(365)));
        InvalidCertificate refused = assertRefused(Reason.NOT_YET_VALID, der(future));
        assertTrue(refused.problem().detail().contains("valid from " + CertificateParser.DATE.format(from)),
                refused.problem().detail());
    }

    @Test
    void weakKeysAreRefused() {
        InvalidCertificate refused = assertRefused(Reason.WEAK_KEY, der(valid("weak", TestCertificates.weakRsa())));
        assertTrue(refused.problem().detail().contains("1024-bit RSA key"), refused.problem().detail());
        assertTrue(refused.problem().detail().contains("at least 2048 bits"), refused.problem().detail());
    }

    // ---- not certificates ----------------------------------------------------------------------------------------

    @Test
    void emptyUploadsAreRefused() {
        assertRefused(Reason.EMPTY, null);
        assertRefused(Reason.EMPTY, new byte[0]);
        assertRefused(Reason.EMPTY, ascii(" \r\n\t\n"));
    }

    @Test
    void uploadsOver64KbAreRefusedAndJustUnderAreRead() {
        byte[] tooLarge = new byte[CertificateParser.MAX_BYTES + 1];
        Arrays.fill(tooLarge, (byte) 'A');
        assertRefused(Reason.TOO_LARGE, tooLarge);
        byte[] atLimit = Arrays.copyOf(tooLarge, CertificateParser.MAX_BYTES);
        assertRefused(Reason.NOT_A_CERTIFICATE, atLimit);
    }

    @Test
    void garbageAndOtherStructuresAreNotCertificates() {
        X509Certificate certificate = valid("other");
        byte[] certificateDer = der(certificate);
        byte[] random = new byte[2000];
        new Random(7).nextBytes(random);
        random[0] = 0x30;
        List<byte[]> uploads = List.of(
                ascii("GARBAGE-MARKER hello, this is not a certificate"),
                ascii("{\"certificate\":\"GARBAGE-MARKER\"}"),
                random,
                Arrays.copyOf(certificateDer, certificateDer.length - 10),
                concat(certificateDer, ascii("GARBAGE-MARKER")),
                ascii("-----BEGIN CERTIFICATE-----\n" + base64(certificate) + "\n"),
                ascii("-----BEGIN CERTIFICATE-----\nGARBAGE-MARKER!!\n-----END CERTIFICATE-----\n"),
                ascii(pem("PUBLIC KEY", certificate.getPublicKey().getEncoded())),
                certificate.getPublicKey().getEncoded(),
                ascii(pem("CERTIFICATE REQUEST", certificateDer)),
                ascii(pem("PKCS7", certificateDer)),
                ascii(pem("X509 CRL", certificateDer)),
                ascii(pem(certificate) + pem("GARBAGE MARKER", certificateDer)));
        for (byte[] upload : uploads) {
            assertRefused(Reason.NOT_A_CERTIFICATE, upload);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Asserts the refusal, its problem, and that it does not quote the upload ({@link #assertNoEcho}). */
    private InvalidCertificate assertRefused(Reason reason, byte[] upload) {
        byte[] copy = upload == null ? null : upload.clone();
        Executable parse = () -> parser.parse(copy, now);
        InvalidCertificate refused = assertThrows(InvalidCertificate.class, parse);
        assertEquals(reason, refused.reason(), () -> "refused as " + refused.reason() + ": " + refused.problem().detail());
        assertEquals(422, refused.problem().status());
        assertEquals("https://ehr-connector.io/problems/" + reason.slug, refused.problem().type().toString());
        assertEquals(List.of(new FieldError("certificate", refused.problem().detail())), refused.problem().errors());
        assertNoEcho(refused.problem().detail(), upload);
        return refused;
    }

    /**
     * Asserts that {@code detail} quotes nothing of {@code upload}: not the marker that garbage uploads carry, and no
     * 12-character piece of the upload's text (PEM armour lines aside, which the messages name themselves) or of its Base64.
     */
    static void assertNoEcho(String detail, byte[] upload) {
        if (upload == null) {
            return;
        }
        assertFalse(detail.contains("GARBAGE"), detail);
        String compactDetail = detail.replaceAll("\\s+", "");
        String text = new String(upload, StandardCharsets.ISO_8859_1).replaceAll("(?m)^-----.*$", "");
        for (String form : List.of(text, Base64.getEncoder().encodeToString(upload))) {
            String compact = form.replaceAll("\\s+", "");
            for (int i = 0; i + 12 <= compact.length(); i += 6) {
                String piece = compact.substring(i, i + 12);
                assertFalse(compactDetail.contains(piece), () -> "detail quotes the upload (" + piece + "): " + detail);
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
