package io.ehrconnector.launch.presence;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveRosterTokensTest {

    private static final PresenceKeys KEYS = new PresenceKeys(PresenceKeys.DEV_TEST_KEY, false);
    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private static final String CONFIGURATION = UUID.randomUUID().toString();

    private final LiveRosterTokens tokens = at(NOW);

    @Test
    void aMintedTokenNamesTheVisitUntilItExpires() {
        String token = tokens.mint(CONFIGURATION, "CSN-1000187342");

        LiveRosterToken live = at(NOW.plus(Duration.ofHours(4)).minusSeconds(1)).verify(token);
        assertEquals(new LiveRosterToken(CONFIGURATION, "CSN-1000187342", NOW.plus(Duration.ofHours(4))), live);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe");

        LiveRosterTokens.Rejected expired = assertThrows(LiveRosterTokens.Rejected.class,
                () -> at(NOW.plus(Duration.ofHours(4))).verify(token));
        assertTrue(expired.expired());
    }

    @Test
    void anyChangedByteOrAnotherKeyMakesItInvalid() {
        byte[] token = Base64.getUrlDecoder().decode(tokens.mint(CONFIGURATION, "CSN-1"));
        for (int i = 0; i < token.length; i++) {
            byte[] changed = token.clone();
            changed[i] ^= 1;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertFalse(assertThrows(LiveRosterTokens.Rejected.class, () -> tokens.verify(forged)).expired(), "byte " + i);
        }
        PresenceKeys otherKey = new PresenceKeys(Base64.getEncoder().encodeToString(new byte[32]), true);
        String foreign = new LiveRosterTokens(otherKey, Duration.ofHours(4), Clock.fixed(NOW, ZoneOffset.UTC))
                .mint(CONFIGURATION, "CSN-1");
        assertFalse(assertThrows(LiveRosterTokens.Rejected.class, () -> tokens.verify(foreign)).expired());
        for (String garbage : new String[]{null, "", "%%%", "AQ", "A".repeat(2000)}) {
            assertThrows(LiveRosterTokens.Rejected.class, () -> tokens.verify(garbage));
        }
    }

    private static LiveRosterTokens at(Instant now) {
        return new LiveRosterTokens(KEYS, Duration.ofHours(4), Clock.fixed(now, ZoneOffset.UTC));
    }
}
