package io.ehrconnector.sms.inbound;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookKeyTest {

    @Test
    void onlyTheConfiguredKeyMatches() {
        WebhookKey key = new WebhookKey("k".repeat(40), true);
        assertTrue(key.matches("k".repeat(40)));
        assertFalse(key.matches("k".repeat(39)));
        assertFalse(key.matches(""));
        assertFalse(key.matches(null));
    }

    @Test
    void productionRefusesThePublishedKeyAndShortKeys() {
        assertThrows(IllegalStateException.class, () -> new WebhookKey(WebhookKey.DEV_TEST_KEY, true));
        assertThrows(IllegalStateException.class, () -> new WebhookKey("short", true));
        assertThrows(IllegalStateException.class, () -> new WebhookKey(null, true));
        assertTrue(new WebhookKey(WebhookKey.DEV_TEST_KEY, false).matches(WebhookKey.DEV_TEST_KEY));
    }
}
