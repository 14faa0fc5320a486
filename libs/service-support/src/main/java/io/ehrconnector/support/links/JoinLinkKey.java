package io.ehrconnector.support.links;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One configured join link key, used as deterministic authenticated encryption in the SIV construction (RFC 5297's generic
 * composition): the tag is HMAC-SHA256 over the token header and the plaintext, truncated to 128 bits, and it is also the
 * AES-256-CTR counter block that encrypts the plaintext. Only identical links encrypt alike (and are then the same token);
 * there is no nonce to repeat. The MAC key and the encryption key are derived from the configured secret (HKDF-Expand with
 * the secret as pseudo-random key, which a 32-byte random secret is), so one secret per key id is all an operator handles.
 */
final class JoinLinkKey {

    static final int SECRET_BYTES = 32;
    static final int TAG_BYTES = 16;

    private final int id;
    private final SecretKeySpec macKey;
    private final SecretKeySpec encryptionKey;

    JoinLinkKey(int id, byte[] secret) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("join link key " + id + " must be " + SECRET_BYTES + " bytes");
        }
        this.id = id;
        this.macKey = new SecretKeySpec(expand(secret, "ehr-connector/join-link/v1/mac"), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(expand(secret, "ehr-connector/join-link/v1/enc"), "AES");
    }

    int id() {
        return id;
    }

    /** The 128-bit tag of {@code header} and {@code plaintext}. */
    byte[] tag(byte[] header, byte[] plaintext) {
        Mac mac = mac(macKey);
        mac.update(header);
        return Arrays.copyOf(mac.doFinal(plaintext), TAG_BYTES);
    }

    /** True when {@code tag} is the tag of {@code header} and {@code plaintext}, compared in constant time. */
    boolean authentic(byte[] tag, byte[] header, byte[] plaintext) {
        return MessageDigest.isEqual(tag, tag(header, plaintext));
    }

    /** AES-256-CTR from counter block {@code tag}: encrypts and decrypts alike. */
    byte[] crypt(byte[] tag, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(tag));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available", e);
        }
    }

    /** HKDF-Expand (RFC 5869) of one block. */
    private static byte[] expand(byte[] secret, String info) {
        Mac mac = mac(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(info.getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(new byte[]{1});
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
