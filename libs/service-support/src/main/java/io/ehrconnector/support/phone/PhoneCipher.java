package io.ehrconnector.support.phone;

import io.ehrconnector.events.EncryptedPhone;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Field-level encryption of patient phone numbers for events ({@link EncryptedPhone}): AES-256-GCM with a random 96-bit
 * nonce, ciphertext = nonce || encrypted number || 128-bit tag, base64url without padding. The associated data binds each
 * ciphertext to its use and to a context the producer and the consumer both know (the configuration and appointment), so a
 * ciphertext copied into another event does not decrypt. Keys are 32 bytes, named by id so they can rotate: new
 * ciphertexts use the current key, old ones decrypt while their key is still configured. Shared by hl7-ingest-service
 * (encrypts) and sms-service (decrypts); the keys come from a secret, never from code.
 */
public final class PhoneCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String ASSOCIATED_DATA_PREFIX = "ehr-connector/phone/v1\u001f";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    /** A ciphertext that does not decrypt: tampered, moved to another context, or under a key no longer configured. */
    public static final class UndecryptablePhone extends RuntimeException {
        UndecryptablePhone(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param currentKeyId the key new ciphertexts use; must be among {@code keys}
     * @param keys         key id to 32 key bytes
     */
    public PhoneCipher(String currentKeyId, Map<String, byte[]> keys) {
        Map<String, SecretKeySpec> specs = new HashMap<>();
        keys.forEach((id, bytes) -> {
            if (bytes == null || bytes.length != 32) {
                throw new IllegalArgumentException("phone encryption key " + id + " must be 32 bytes (AES-256)");
            }
            specs.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (!specs.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current phone encryption key " + currentKeyId + " is not configured");
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(specs);
    }

    /** From configuration: key id to base64 (standard or url-safe) of 32 random bytes ({@code openssl rand -base64 32}). */
    public static PhoneCipher fromBase64(String currentKeyId, Map<String, String> base64Keys) {
        Map<String, byte[]> keys = new HashMap<>();
        base64Keys.forEach((id, value) -> {
            String trimmed = value.trim();
            try {
                keys.put(id, trimmed.contains("-") || trimmed.contains("_") ? BASE64URL_DECODER.decode(trimmed)
                        : Base64.getDecoder().decode(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phone encryption key " + id + " is not base64");
            }
        });
        return new PhoneCipher(currentKeyId, keys);
    }

    /**
     * @param context what the number belongs to, e.g. {@code configurationId + "/" + appointmentId}; the same context is
     *                needed to decrypt
     */
    public EncryptedPhone encrypt(EncryptedPhone.Use use, String e164, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(use, context, currentKeyId));
            byte[] sealed = cipher.doFinal(e164.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return new EncryptedPhone(use, BASE64URL.encodeToString(out), currentKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The E.164 number; fails with {@link UndecryptablePhone} (which never includes the ciphertext) otherwise. */
    public String decrypt(EncryptedPhone phone, String context) {
        SecretKeySpec key = keys.get(phone.keyId());
        if (key == null) {
            throw new UndecryptablePhone("phone encryption key " + phone.keyId() + " is not configured");
        }
        byte[] in;
        try {
            in = BASE64URL_DECODER.decode(phone.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new UndecryptablePhone("the phone ciphertext is not base64url");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptablePhone("the phone ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, NONCE_BYTES)));
            cipher.updateAAD(associatedData(phone.use(), context, phone.keyId()));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptablePhone("the phone ciphertext does not verify (tampered, or from another context)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The context a patient's number in an appointment event is bound to: hl7-ingest-service encrypts with it, sms-service
     * decrypts with it.
     */
    public static String appointmentContext(String configurationId, String appointmentId) {
        return configurationId + "/" + appointmentId;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private static byte[] associatedData(EncryptedPhone.Use use, String context, String keyId) {
        return (ASSOCIATED_DATA_PREFIX + keyId + '\u001f' + use.name() + '\u001f' + context).getBytes(StandardCharsets.UTF_8);
    }
}
