package io.ehrconnector.launch.presence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceKeysTest {

    @Test
    void theKeyMustBe32BytesOfBase64AndNotThePublishedOneInProduction() {
        for (String wrong : new String[]{null, " ", "not base64!", Base64.getEncoder().encodeToString(new byte[16])}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new PresenceKeys(wrong, false));
            assertTrue(refused.getMessage().contains("EHR_PRESENCE_KEY"), refused.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new PresenceKeys(PresenceKeys.DEV_TEST_KEY, true));
        assertDoesNotThrow(() -> new PresenceKeys(PresenceKeys.DEV_TEST_KEY, false));
        assertTrue(Arrays.equals("INSECURE-dev-test-presence-key32".getBytes(StandardCharsets.US_ASCII),
                Base64.getDecoder().decode(PresenceKeys.DEV_TEST_KEY)));
    }

    @Test
    void eachPurposeHasItsOwnKey() {
        PresenceKeys keys = new PresenceKeys(PresenceKeys.DEV_TEST_KEY, false);
        byte[] data = "same input".getBytes(StandardCharsets.UTF_8);
        assertFalse(Arrays.equals(keys.mac(PresenceKeys.Purpose.PARTICIPANT_ID, data),
                keys.mac(PresenceKeys.Purpose.LIVE_ROSTER_LINK, data)));
    }
}
