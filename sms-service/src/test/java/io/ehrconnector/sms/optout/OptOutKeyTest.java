package io.ehrconnector.sms.optout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptOutKeyTest {

    @Test
    void theLedgerKeepsAKeyedHashOfTheNumberNotTheNumber() {
        OptOutKey key = new OptOutKey(OptOutKey.DEV_TEST_KEY, false);
        String hmac = key.recipientHmac("+14255550123");

        assertTrue(hmac.matches("[0-9a-f]{64}"), hmac);
        assertEquals(hmac, key.recipientHmac(" +14255550123 "));
        assertNotEquals(hmac, key.recipientHmac("+14255550124"));
        assertNotEquals(hmac, new OptOutKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true).recipientHmac("+14255550123"));
    }

    @Test
    void productionRefusesThePublishedKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new OptOutKey(OptOutKey.DEV_TEST_KEY, true));
        assertTrue(refused.getMessage().contains("EHR_SMS_OPT_OUT_KEY"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new OptOutKey(null, true));
    }
}
