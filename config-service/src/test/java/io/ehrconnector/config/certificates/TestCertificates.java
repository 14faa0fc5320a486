package io.ehrconnector.config.certificates;

import io.ehrconnector.testing.standins.SelfSignedTls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Certificates and keys for the certificate tests, made with the JDK and {@link SelfSignedTls}: valid, expired and not yet
 * valid certificates, and the private key files people upload by mistake (PKCS#8 plain and encrypted, PKCS#1, SEC1,
 * PKCS#12, JKS).
 */
final class TestCertificates {

    static final char[] PASSWORD = "changeit".toCharArray();
    private static final Base64.Encoder PEM_LINES = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final KeyPair RSA_2048 = keyPair("RSA", 2048);
    private static final KeyPair RSA_1024 = keyPair("RSA", 1024);

    private TestCertificates() {
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One RSA 2048 key pair for all tests (RSA generation is slow on the C1-only test JVMs). */
    static KeyPair rsa() {
        return RSA_2048;
    }

    static KeyPair weakRsa() {
        return RSA_1024;
    }

    /** A new EC certificate valid from a day ago for a year, with a unique name. */
    static X509Certificate valid(String name) {
        return valid(name, ec());
    }

    static X509Certificate valid(String name, KeyPair keys) {
        Instant now = Instant.now();
        return SelfSignedTls.selfSignedCertificate(unique(name), keys, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    }

    static X509Certificate between(String name, Instant notBefore, Instant notAfter) {
        return SelfSignedTls.selfSignedCertificate(unique(name), ec(), notBefore, notAfter);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- encodings ---------------------------------------------------------------------------------------------

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        return pem("CERTIFICATE", der(certificate));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + PEM_LINES.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    static String base64(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(der(certificate));
    }

    /** SHA-256 of the DER, as the API shows it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(der(certificate)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- private keys ------------------------------------------------------------------------------------------

    /** PKCS#8 PrivateKeyInfo DER ("PRIVATE KEY"). */
    static byte[] pkcs8(KeyPair keys) {
        return keys.getPrivate().getEncoded();
    }

    /**
     * The algorithm-specific private key inside a PKCS#8 PrivateKeyInfo: PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY") for RSA,
     * SEC1 ECPrivateKey ("EC PRIVATE KEY") for EC.
     */
    static byte[] traditional(KeyPair keys) {
        byte[] info = pkcs8(keys);
        int[] outer = header(info, 0);
        int[] version = header(info, outer[2]);
        int[] algorithm = header(info, version[2] + version[1]);
        int[] key = header(info, algorithm[2] + algorithm[1]);
        return Arrays.copyOfRange(info, key[2], key[2] + key[1]);
    }

    /**
     * PKCS#8 EncryptedPrivateKeyInfo DER ("ENCRYPTED PRIVATE KEY"). The PKCS#12 PBE scheme, because the JDK's
     * EncryptedPrivateKeyInfo cannot encode PBES2 parameters; the structure is the same.
     */
    static byte[] encryptedPkcs8(KeyPair keys) {
        try {
            String algorithm = "PBEWithSHA1AndDESede";
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(PASSWORD)),
                    new PBEParameterSpec(new byte[8], 10_000));
            return new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(pkcs8(keys))).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key store of {@code type} (PKCS12, JKS) holding the key pair and its certificate. */
    static byte[] keyStore(String type, KeyPair keys, X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setKeyEntry("epic", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, PASSWORD);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {tag, length, content start} of the DER header at {@code at} (definite lengths only). */
    private static int[] header(byte[] der, int at) {
        int tag = der[at] & 0xFF;
        int first = der[at + 1] & 0xFF;
        if (first < 0x80) {
            return new int[] {tag, first, at + 2};
        }
        int count = first & 0x7F;
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xFF);
        }
        return new int[] {tag, length, at + 2 + count};
    }

    private static KeyPair keyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
