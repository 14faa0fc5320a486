package io.ehrconnector.support.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-256-GCM sealing of private keys: only the same master key, kid and environment open what was sealed. */
class SealedKeyCipherTest {

    private static final String KID = "kid-1";
    private static final byte[] SECRET = "a PKCS#8 private key, in real life".getBytes(StandardCharsets.UTF_8);

    private final String masterKey = randomKey(32);
    private final SealedKeyCipher cipher = new SealedKeyCipher(masterKey, true);

    @Test
    void opensWhatItSealedAndTheCiphertextHidesThePlaintext() throws GeneralSecurityException {
        byte[] sealed = cipher.seal(SECRET, KID, Environment.TEST);

        assertEquals(SealedKeyCipher.NONCE_BYTES + SECRET.length + SealedKeyCipher.TAG_BITS / 8, sealed.length);
        assertEquals(-1, indexOf(sealed, Arrays.copyOf(SECRET, 8)), "plaintext visible in the sealed bytes");
        assertArrayEquals(SECRET, cipher.open(sealed, KID, Environment.TEST));
        // The same cipher in another instance (a restart, another replica) opens it too.
        assertArrayEquals(SECRET, new SealedKeyCipher(masterKey, true).open(sealed, KID, Environment.TEST));
    }

    @Test
    void everySealingUsesAFreshNonce() {
        byte[] first = cipher.seal(SECRET, KID, Environment.TEST);
        byte[] second = cipher.seal(SECRET, KID, Environment.TEST);
        assertFalse(Arrays.equals(Arrays.copyOf(first, SealedKeyCipher.NONCE_BYTES), Arrays.copyOf(second, SealedKeyCipher.NONCE_BYTES)));
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void aWrongMasterKeyDoesNotOpenIt() {
        byte[] sealed = cipher.seal(SECRET, KID, Environment.TEST);
        SealedKeyCipher other = new SealedKeyCipher(randomKey(32), true);
        assertThrows(AEADBadTagException.class, () -> other.open(sealed, KID, Environment.TEST));
    }

    @Test
    void aSealedKeyIsBoundToItsKidAndEnvironment() {
        byte[] sealed = cipher.seal(SECRET, KID, Environment.TEST);
        assertThrows(AEADBadTagException.class, () -> cipher.open(sealed, "kid-2", Environment.TEST));
        assertThrows(AEADBadTagException.class, () -> cipher.open(sealed, KID, Environment.PRODUCTION));
    }

    @Test
    void alteredOrTruncatedCiphertextIsRejected() {
        byte[] sealed = cipher.seal(SECRET, KID, Environment.TEST);
        byte[] flipped = sealed.clone();
        flipped[SealedKeyCipher.NONCE_BYTES + 3] ^= 1;
        assertThrows(AEADBadTagException.class, () -> cipher.open(flipped, KID, Environment.TEST));
        assertThrows(GeneralSecurityException.class, () -> cipher.open(Arrays.copyOf(sealed, 20), KID, Environment.TEST));
        assertThrows(GeneralSecurityException.class, () -> cipher.open(null, KID, Environment.TEST));
    }

    @Test
    void startRefusesAMissingOrMalformedMasterKeyWithAMessageSayingWhatToSet() {
        assertStartFails(null, "ehr.keys.master-key is not set");
        assertStartFails("  ", "ehr.keys.master-key is not set");
        assertStartFails("not base64 at all!", "not valid base64");
        assertStartFails(randomKey(16), "decodes to 16 bytes");
        assertStartFails(randomKey(31), "decodes to 31 bytes");
        assertStartFails(randomKey(33), "decodes to 33 bytes");
    }

    @Test
    void thePublishedDevTestKeyIsRefusedInProductionOnly() {
        assertStartFails(SealedKeyCipher.DEV_TEST_MASTER_KEY, "published dev/test key");
        SealedKeyCipher devTest = new SealedKeyCipher(SealedKeyCipher.DEV_TEST_MASTER_KEY, false);
        assertEquals("INSECURE-dev-test-master-key-32B",
                new String(Base64.getDecoder().decode(SealedKeyCipher.DEV_TEST_MASTER_KEY), StandardCharsets.US_ASCII));
        assertTrue(devTest.seal(SECRET, KID, Environment.TEST).length > SECRET.length);
    }

    @Test
    void messagesAndToStringNeverContainTheKey() {
        String key = randomKey(24);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SealedKeyCipher(key, true));
        assertFalse(e.getMessage().contains(key), e.getMessage());
        assertFalse(cipher.toString().contains(masterKey));
    }

    private static void assertStartFails(String masterKey, String expected) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SealedKeyCipher(masterKey, true));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("EHR_KEYS_MASTER_KEY"), e.getMessage());
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
