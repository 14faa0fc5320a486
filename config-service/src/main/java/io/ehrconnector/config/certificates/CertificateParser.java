package io.ehrconnector.config.certificates;

import io.ehrconnector.config.certificates.InvalidCertificate.Reason;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upload meant to be the EHR's public-key certificate and either returns it ({@link ParsedCertificate}) or refuses
 * it with an {@link InvalidCertificate} saying what to upload instead. Accepted forms, told apart by their content (the
 * request's Content-Type only says how they were sent):
 * <ul>
 *   <li>PEM text: a {@code -----BEGIN CERTIFICATE-----} block (text around the blocks, as {@code openssl x509 -text} prints,
 *       is ignored);</li>
 *   <li>Base64 text of the DER encoding, line breaks allowed;</li>
 *   <li>DER bytes ({@code .cer}, {@code .crt}, {@code .der}).</li>
 * </ul>
 * Refused, each with its own message: an empty upload; more than {@value #MAX_BYTES} bytes; anything that carries or may
 * carry a private key (a PEM block whose label contains {@code PRIVATE KEY} (PKCS#8, {@code RSA}, {@code EC},
 * {@code ENCRYPTED}, OpenSSH...), a PuTTY key, the DER of a private key in any form {@link DerShape} knows, even inside a
 * block labelled CERTIFICATE or as bare Base64, a PKCS#12/PFX file or a Java key store), which wins over every other reason;
 * a bare public key, a certificate request, a PKCS#7 bundle, any other PEM block, or anything else that is not an X.509
 * certificate; a certificate that has expired or is not valid yet (the message gives the date); a key weaker than RSA 2048
 * or EC P-256, or of another type; an MD2/MD5 signature.
 *
 * <h2>Several certificates</h2>
 * A PEM file with several certificates is accepted when it is one chain starting with the EHR's own certificate (each
 * certificate issued, and signed, by the next: the order TLS servers send and most tools save), and only that first
 * certificate is kept, with a notice saying so. Any other set of several certificates is refused: the connector pins exactly
 * one certificate, and guessing which one is meant could pin a CA that signs other parties' certificates too.
 *
 * <h2>Secrets</h2>
 * Messages never quote the upload (not even a PEM label it contained); they are made of fixed text and of facts read from an
 * accepted structure (dates, key sizes). Byte arrays this class decodes from the upload are wiped before it returns; the
 * caller wipes the upload itself. Nothing here logs.
 */
final class CertificateParser {

    /** The largest upload read: 64 KiB, far more than a certificate (1-2 KiB) or even a long chain needs. */
    static final int MAX_BYTES = 64 * 1024;
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;
    /** An accepted certificate expiring sooner than this comes with a notice. */
    static final Duration EXPIRY_NOTICE = Duration.ofDays(30);

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static final String PRIVATE_KEY_MESSAGE = "This file contains a private key. Upload only the certificate (public part);"
            + " keep the private key in Epic. If this key may have been exposed, have Epic issue a new one.";
    static final String KEY_STORE_MESSAGE = "This file is a key store (PKCS#12 .pfx/.p12 or Java key store), which normally"
            + " contains a private key. Upload only the certificate (public part), as PEM or DER; keep the private key in Epic."
            + " If this key may have been exposed, have Epic issue a new one.";
    private static final String FORMS = "Upload Epic's certificate as PEM (text starting with -----BEGIN CERTIFICATE-----),"
            + " as the Base64 of its DER form, or as the DER file itself (.cer, .crt or .der).";

    /** A complete PEM block; labels are upper-case words (RFC 7468). */
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,64})-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Text that only a private key file contains: any PEM private key label, and PuTTY's key format. */
    private static final List<byte[]> PRIVATE_KEY_MARKERS = List.of(ascii("PRIVATE KEY"), ascii("PuTTY-User-Key-File"));
    private static final byte[] PEM_BEGIN = ascii("-----BEGIN");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * The certificate in {@code upload}, checked as of {@code now}.
     *
     * @throws InvalidCertificate when it is not accepted; its problem says why and what to upload instead
     */
    ParsedCertificate parse(byte[] upload, Instant now) {
        if (upload == null || isBlank(upload)) {
            throw new InvalidCertificate(Reason.EMPTY, "The upload is empty. " + FORMS);
        }
        if (upload.length > MAX_BYTES) {
            throw new InvalidCertificate(Reason.TOO_LARGE, "The upload is larger than " + MAX_BYTES / 1024 + " KB, far"
                    + " larger than a certificate. " + FORMS);
        }
        byte[] content = startsWith(upload, UTF8_BOM, 0) ? Arrays.copyOfRange(upload, UTF8_BOM.length, upload.length) : upload;
        List<byte[]> ders = new ArrayList<>();
        try {
            if (indexOf(content, PEM_BEGIN) >= 0) {
                refuseTextPrivateKey(content);
                ders.addAll(pemCertificates(new String(content, StandardCharsets.ISO_8859_1)));
            } else if (isPrintableAscii(content)) {
                refuseTextPrivateKey(content);
                ders.add(base64(new String(content, StandardCharsets.ISO_8859_1)));
            } else {
                ders.add(content == upload ? upload.clone() : content);
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (byte[] der : ders) {
                certificates.add(certificate(der));
            }
            return accepted(certificates, now);
        } finally {
            ders.forEach(der -> Arrays.fill(der, (byte) 0));
            if (content != upload) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    // ---- forms ---------------------------------------------------------------------------------------------------

    private static void refuseTextPrivateKey(byte[] text) {
        for (byte[] marker : PRIVATE_KEY_MARKERS) {
            if (indexOf(text, marker) >= 0) {
                throw new InvalidCertificate(Reason.PRIVATE_KEY, PRIVATE_KEY_MESSAGE);
            }
        }
    }

    /** The DER of every CERTIFICATE block; any other block refuses the upload. */
    private static List<byte[]> pemCertificates(String text) {
        List<byte[]> ders = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            switch (label) {
                case "CERTIFICATE", "X509 CERTIFICATE" -> ders.add(base64(block.group(2)));
                case "PUBLIC KEY", "RSA PUBLIC KEY" -> throw barePublicKey();
                case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST" -> throw new InvalidCertificate(Reason.NOT_A_CERTIFICATE,
                        "This is a certificate signing request, not a certificate. Upload the certificate that was issued"
                                + " for it. " + FORMS);
                case "PKCS7", "CMS" -> throw pkcs7();
                default -> throw new InvalidCertificate(Reason.NOT_A_CERTIFICATE, "The PEM text holds a block that is not a"
                        + " certificate. Upload a file with only -----BEGIN CERTIFICATE----- blocks. " + FORMS);
            }
        }
        if (ders.isEmpty()) {
            throw new InvalidCertificate(Reason.NOT_A_CERTIFICATE, "The PEM text has no complete certificate block. Upload the"
                    + " whole text, from the -----BEGIN CERTIFICATE----- line to the -----END CERTIFICATE----- line.");
        }
        return ders;
    }

    private static byte[] base64(String text) {
        String compact = WHITESPACE.matcher(text).replaceAll("");
        if (!BASE64_TEXT.matcher(compact).matches()) {
            throw notACertificate();
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw notACertificate();
        }
    }

    /** One DER structure as a certificate, refusing every other shape with its own message. */
    private static X509Certificate certificate(byte[] der) {
        switch (DerShape.of(der)) {
            case PRIVATE_KEY -> throw new InvalidCertificate(Reason.PRIVATE_KEY, PRIVATE_KEY_MESSAGE);
            case KEY_STORE -> throw new InvalidCertificate(Reason.PRIVATE_KEY, KEY_STORE_MESSAGE);
            case PUBLIC_KEY -> throw barePublicKey();
            case PKCS7 -> throw pkcs7();
            case OTHER -> throw notACertificate();
            case CERTIFICATE_LIKE -> {
                // The JDK's parser reads one certificate and ignores what follows it: trailing bytes are checked here.
                if (!DerShape.isSingleValue(der)) {
                    throw notACertificate();
                }
            }
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // The parser's message may describe the input: not kept.
            throw notACertificate();
        }
    }

    // ---- checks of the certificate -----------------------------------------------------------------------------

    private static ParsedCertificate accepted(List<X509Certificate> certificates, Instant now) {
        List<String> notices = new ArrayList<>();
        if (certificates.size() > 1) {
            requireChain(certificates);
            notices.add("The file held " + certificates.size() + " certificates, a chain; only the first, Epic's own"
                    + " certificate, was kept.");
        }
        X509Certificate certificate = certificates.get(0);
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new InvalidCertificate(Reason.EXPIRED, "This certificate expired on " + DATE.format(notAfter) + "."
                    + " Ask Epic for the certificate it uses now and upload that one.");
        }
        if (now.isBefore(notBefore)) {
            throw new InvalidCertificate(Reason.NOT_YET_VALID, "This certificate is not valid yet: it is valid from "
                    + DATE.format(notBefore) + " (until " + DATE.format(notAfter) + "). Upload it from that time on, or"
                    + " upload the certificate Epic uses now.");
        }
        PublicKey key = certificate.getPublicKey();
        int keySize = keySize(key);
        requireStrongSignature(certificate);
        if (Duration.between(now, notAfter).compareTo(EXPIRY_NOTICE) < 0) {
            notices.add("This certificate expires on " + DATE.format(notAfter) + ". Ask Epic for its next certificate and"
                    + " upload it before then.");
        }
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateException e) {
            throw notACertificate();
        }
        return new ParsedCertificate(certificate, der, fingerprint(der),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), notBefore, notAfter,
                key.getAlgorithm(), keySize, notices);
    }

    /** Each certificate must be issued by the next one, by name and by signature. */
    private static void requireChain(List<X509Certificate> certificates) {
        for (int i = 0; i + 1 < certificates.size(); i++) {
            X509Certificate subject = certificates.get(i);
            X509Certificate issuer = certificates.get(i + 1);
            boolean issued = subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
            if (issued) {
                try {
                    subject.verify(issuer.getPublicKey());
                } catch (GeneralSecurityException | RuntimeException e) {
                    issued = false;
                }
            }
            if (!issued) {
                throw new InvalidCertificate(Reason.CHAIN_NOT_IN_ORDER, "The file holds " + certificates.size()
                        + " certificates that are not one chain starting with Epic's own certificate. Upload only Epic's"
                        + " certificate: a file with a single -----BEGIN CERTIFICATE----- block.");
            }
        }
    }

    /** The key's strength in bits; refuses weak keys and key types other than RSA and EC. */
    private static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new InvalidCertificate(Reason.WEAK_KEY, "This certificate has a " + bits + "-bit RSA key; the connector"
                        + " accepts RSA keys of at least " + MIN_RSA_BITS + " bits. Ask Epic for a certificate with a stronger"
                        + " key.");
            }
            return bits;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < MIN_EC_BITS) {
                throw new InvalidCertificate(Reason.WEAK_KEY, "This certificate has a " + bits + "-bit EC key; the connector"
                        + " accepts EC keys of at least " + MIN_EC_BITS + " bits (P-256, P-384, P-521). Ask Epic for a"
                        + " certificate with a stronger key.");
            }
            return bits;
        }
        throw new InvalidCertificate(Reason.UNSUPPORTED_KEY, "This certificate's key is not an RSA or EC key. The connector"
                + " accepts RSA keys of at least " + MIN_RSA_BITS + " bits and EC keys of at least " + MIN_EC_BITS + " bits.");
    }

    private static void requireStrongSignature(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName() == null ? "" : certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.startsWith("MD2") || algorithm.startsWith("MD5")) {
            throw new InvalidCertificate(Reason.WEAK_SIGNATURE, "This certificate is signed with MD5 or MD2, which TLS and"
                    + " signature checks no longer accept. Ask Epic for a certificate signed with SHA-256 or stronger.");
        }
    }

    static String fingerprint(byte[] der) {
        return io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate.fingerprintOf(der);
    }

    // ---- messages ------------------------------------------------------------------------------------------------

    private static InvalidCertificate notACertificate() {
        return new InvalidCertificate(Reason.NOT_A_CERTIFICATE, "The upload is not an X.509 certificate. " + FORMS);
    }

    private static InvalidCertificate barePublicKey() {
        return new InvalidCertificate(Reason.NOT_A_CERTIFICATE, "This is a bare public key, not a certificate. Upload the"
                + " certificate that carries it. " + FORMS);
    }

    private static InvalidCertificate pkcs7() {
        return new InvalidCertificate(Reason.NOT_A_CERTIFICATE, "This is a PKCS#7 bundle (.p7b/.p7c), not a single"
                + " certificate. Export Epic's certificate alone from it. " + FORMS);
    }

    // ---- bytes ---------------------------------------------------------------------------------------------------

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (!(b >= 0x20 && b < 0x7F) && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (startsWith(bytes, marker, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
