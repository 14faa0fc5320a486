package io.ehrconnector.support.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
import java.util.Optional;

/**
 * Seals the connector's private signing keys: AES-256-GCM under the master key {@code ehr.keys.master-key}, a random 96-bit
 * nonce per sealing, a 128-bit tag, and the additional authenticated data {@code "<kid>/<ENVIRONMENT>"}, which binds a sealed
 * key to its key: a ciphertext copied onto another key, or from the test onto the production environment, does not open.
 * Sealed form: nonce (12 bytes) followed by ciphertext and tag.
 *
 * <p>config-service seals the keys it makes and stores them sealed; they travel sealed on the connector-keys topic; a service
 * deployed with the same master key (launch-service, audit-service) opens them in memory to sign. One implementation, so both sides agree
 * on the format.
 *
 * <p>A bean only in services built with {@code ehr.key-sealing.enabled=true} (a build-time switch, so services that never
 * touch the keys need no master key). There it is created at start ({@link Startup}) so that a missing or malformed master
 * key stops the service with a message saying what to set, instead of failing at the first signature. Outside dev and test
 * the published dev/test key is refused. Neither the key nor anything derived from it is ever logged or put in a message.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = SealedKeyCipher.ENABLED, stringValue = "true")
public class SealedKeyCipher {

    /** Build-time property that makes this a bean of the service (outside ehr.keys, which config-service's mapping owns). */
    public static final String ENABLED = "ehr.key-sealing.enabled";
    /** The %dev / %test master key in the services' application.properties: base64 of "INSECURE-dev-test-master-key-32B". Public. */
    public static final String DEV_TEST_MASTER_KEY = "SU5TRUNVUkUtZGV2LXRlc3QtbWFzdGVyLWtleS0zMkI=";
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    SealedKeyCipher(@ConfigProperty(name = "ehr.keys.master-key") Optional<String> masterKey) {
        this(masterKey.orElse(null), LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param base64MasterKey the configured master key, or null when not set
     * @param production      true in the prod profile, where the published dev/test key is refused
     * @throws IllegalStateException when the key is missing, not base64, not 32 bytes, or the dev/test key in production
     */
    public SealedKeyCipher(String base64MasterKey, boolean production) {
        this.masterKey = masterKey(base64MasterKey, production);
    }

    private static SecretKey masterKey(String base64, boolean production) {
        String hint = " Set EHR_KEYS_MASTER_KEY (ehr.keys.master-key) to the base64 of 32 random bytes, e.g. the output of"
                + " `openssl rand -base64 32`, from a secret store; it encrypts the connector's private signing keys, and"
                + " config-service, launch-service and audit-service must have the same value.";
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
    public byte[] seal(byte[] plaintext, String kid, Environment environment) {
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
    public byte[] open(byte[] sealed, String kid, Environment environment) throws GeneralSecurityException {
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
        return "SealedKeyCipher[AES-256-GCM]";
    }
}
