package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals the connector's private keys at rest: AES-256-GCM under the master key {@code ehr.keys.master-key}, a random 96-bit
 * nonce per sealing, a 128-bit tag, and the additional authenticated data {@code "<kid>/<ENVIRONMENT>"}, which binds a
 * sealed key to its row: a ciphertext copied onto another key's row, or from the test onto the production environment, does
 * not open. Sealed form: nonce (12 bytes) followed by ciphertext and tag.
 *
 * <p>Created at start ({@link Startup}) so that a missing or malformed master key stops the service with a message saying
 * what to set, instead of failing at the first token request. Outside dev and test the published dev/test key is refused.
 * Neither the key nor anything derived from it is ever logged or put in a message.
 */
@Startup
@ApplicationScoped
class PrivateKeyCipher {

    /** The %dev / %test master key in application.properties: base64 of "INSECURE-dev-test-master-key-32B". Public. */
    static final String DEV_TEST_MASTER_KEY = "SU5TRUNVUkUtZGV2LXRlc3QtbWFzdGVyLWtleS0zMkI=";
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    PrivateKeyCipher(KeysConfig config) {
        this(config.masterKey().orElse(null), LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param base64MasterKey the configured master key, or null when not set
     * @param production      true in the prod profile, where the published dev/test key is refused
     * @throws IllegalStateException when the key is missing, not base64, not 32 bytes, or the dev/test key in production
     */
    PrivateKeyCipher(String base64MasterKey, boolean production) {
        this.masterKey = masterKey(base64MasterKey, production);
    }

    private static SecretKey masterKey(String base64, boolean production) {
        String hint = " Set EHR_KEYS_MASTER_KEY (ehr.keys.master-key) to the base64 of 32 random bytes, e.g. the output of"
                + " `openssl rand -base64 32`, from a secret store; it encrypts the connector's private signing keys at rest.";
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("ehr.keys.master-key is not set." + hint);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ehr.keys.master-key is not valid base64." + hint);
        }
        try {
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("ehr.keys.master-key must decode to " + KEY_BYTES + " bytes (AES-256) but decodes to "
                        + bytes.length + " bytes." + hint);
            }
            if (production && Arrays.equals(bytes, Base64.getDecoder().decode(DEV_TEST_MASTER_KEY))) {
                throw new IllegalStateException("ehr.keys.master-key is the published dev/test key, which is refused outside dev"
                        + " and test." + hint);
            }
            return new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Encrypts {@code plaintext} (a PKCS#8 private key) for the key {@code kid} of {@code environment}. */
    byte[] seal(byte[] plaintext, String kid, Environment environment) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(kid, environment));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same {@code kid} and {@code environment} under the same master key.
     *
     * @throws GeneralSecurityException when it does not open: another master key, another kid or environment, or altered bytes
     */
    byte[] open(byte[] sealed, String kid, Environment environment) throws GeneralSecurityException {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed private key is missing or truncated");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData(kid, environment));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private static byte[] associatedData(String kid, Environment environment) {
        return (kid + "/" + environment.name()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PrivateKeyCipher[AES-256-GCM]";
    }
}
