package io.ehrconnector.support.phone;

import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.EncryptedPhone.Use;
import io.ehrconnector.support.phone.PhoneCipher.UndecryptablePhone;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String CONTEXT = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04/998877665544";

    @Test
    void aNumberRoundTripsAndNeverAppearsInTheCiphertext() {
        PhoneCipher cipher = PhoneCipher.fromBase64("k1", Map.of("k1", K1));
        EncryptedPhone a = cipher.encrypt(Use.MOBILE, "+16085550102", CONTEXT);
        EncryptedPhone b = cipher.encrypt(Use.MOBILE, "+16085550102", CONTEXT);
        assertEquals("+16085550102", cipher.decrypt(a, CONTEXT));
        assertNotEquals(a.ciphertext(), b.ciphertext(), "a fresh nonce every time: equal numbers are not linkable");
        assertFalse(a.ciphertext().contains("6085550102"));
        assertEquals("k1", a.keyId());
    }

    @Test
    void aCiphertextMovedToAnotherContextOrUseOrTamperedDoesNotDecrypt() {
        PhoneCipher cipher = PhoneCipher.fromBase64("k1", Map.of("k1", K1));
        EncryptedPhone phone = cipher.encrypt(Use.MOBILE, "+16085550102", CONTEXT);
        assertThrows(UndecryptablePhone.class, () -> cipher.decrypt(phone, CONTEXT + "x"));
        assertThrows(UndecryptablePhone.class, () -> cipher.decrypt(new EncryptedPhone(Use.HOME, phone.ciphertext(), "k1"), CONTEXT));
        char[] chars = phone.ciphertext().toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        UndecryptablePhone tampered = assertThrows(UndecryptablePhone.class,
                () -> cipher.decrypt(new EncryptedPhone(Use.MOBILE, new String(chars), "k1"), CONTEXT));
        assertFalse(tampered.getMessage().contains(phone.ciphertext()));
    }

    @Test
    void keysRotateOldCiphertextsDecryptWhileTheirKeyIsConfigured() {
        EncryptedPhone old = PhoneCipher.fromBase64("k1", Map.of("k1", K1)).encrypt(Use.HOME, "+16085550101", CONTEXT);
        PhoneCipher rotated = PhoneCipher.fromBase64("k2", Map.of("k1", K1, "k2", K2));
        assertEquals("+16085550101", rotated.decrypt(old, CONTEXT));
        assertEquals("k2", rotated.encrypt(Use.HOME, "+16085550101", CONTEXT).keyId());
        PhoneCipher retired = PhoneCipher.fromBase64("k2", Map.of("k2", K2));
        UndecryptablePhone gone = assertThrows(UndecryptablePhone.class, () -> retired.decrypt(old, CONTEXT));
        assertTrue(gone.getMessage().contains("k1"));
    }

    @Test
    void badKeysAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> PhoneCipher.fromBase64("k1", Map.of("k1", "c2hvcnQ=")));
        assertThrows(IllegalArgumentException.class, () -> PhoneCipher.fromBase64("k9", Map.of("k1", K1)));
        assertThrows(IllegalArgumentException.class, () -> PhoneCipher.fromBase64("k1", Map.of("k1", "not base64!")));
    }
}
