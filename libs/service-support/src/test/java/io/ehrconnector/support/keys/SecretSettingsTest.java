package io.ehrconnector.support.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret settings: missing, malformed and (in production) published dev/test values stop the service without quoting them. */
class SecretSettingsTest {

    private static final String DEV_TEST = Base64.getEncoder()
            .encodeToString("INSECURE-dev-test-some-secret-32".getBytes(StandardCharsets.US_ASCII));
    private static final String REAL = Base64.getEncoder().encodeToString(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @Test
    void aKeyIsBase64OfExactlyTheWantedLength() {
        assertEquals(32, key(REAL, true).length);
        assertArrayEquals(Base64.getDecoder().decode(DEV_TEST), key(DEV_TEST, false));
        assertTrue(refusal(() -> key(null, true)).contains("is not set"));
        assertTrue(refusal(() -> key("not base64!", true)).contains("not valid base64"));
        assertTrue(refusal(() -> key(Base64.getEncoder().encodeToString(new byte[16]), true)).contains("must be 32 bytes"));
    }

    @Test
    void productionRefusesThePublishedKeyAndNoMessageQuotesAValue() {
        String message = refusal(() -> key(DEV_TEST, true));
        assertTrue(message.contains("published dev/test key"), message);
        assertTrue(message.contains("EHR_SOME_KEY (ehr.some.key)"), message);
        assertFalse(message.contains(DEV_TEST), message);
    }

    @Test
    void aTextSecretHasAMinimumLengthAndProductionRefusesThePublishedOne() {
        String devTest = "INSECURE-dev-test-webhook-key-0123456789";
        assertEquals(devTest, SecretSettings.text("ehr.w", "EHR_W", "  " + devTest + " ", devTest, 32, false));
        assertEquals("x".repeat(32), SecretSettings.text("ehr.w", "EHR_W", "x".repeat(32), devTest, 32, true));
        assertTrue(refusal(() -> SecretSettings.text("ehr.w", "EHR_W", "short", devTest, 32, true)).contains("shorter"));
        String message = refusal(() -> SecretSettings.text("ehr.w", "EHR_W", devTest, devTest, 32, true));
        assertTrue(message.contains("published dev/test value"), message);
        assertFalse(message.contains(devTest), message);
    }

    private static byte[] key(String configured, boolean production) {
        return SecretSettings.key("ehr.some.key", "EHR_SOME_KEY", configured, DEV_TEST, 32, production);
    }

    private static String refusal(Runnable read) {
        return assertThrows(IllegalStateException.class, read::run).getMessage();
    }
}
