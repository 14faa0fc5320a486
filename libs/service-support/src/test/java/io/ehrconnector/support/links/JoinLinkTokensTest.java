package io.ehrconnector.support.links;

import io.ehrconnector.support.links.JoinLinkRejected.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinLinkTokensTest {

    private static final String KEY_1 = "1:" + Base64.getEncoder().encodeToString(bytes('a'));
    private static final String KEY_2 = "2:" + Base64.getEncoder().encodeToString(bytes('b'));
    private static final String CONFIGURATION = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04";
    private static final String CSN = "1000187342";
    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant VISIT_END = Instant.parse("2026-03-02T16:30:00Z");

    private final JoinLinkTokens tokens = tokens(KEY_1, NOW);

    @Test
    void aLinkRoundTrips() {
        JoinLink link = new JoinLink(CONFIGURATION, CSN, VISIT_END);
        assertEquals(link, tokens.verify(tokens.mint(link)));
        JoinLink unicode = new JoinLink(CONFIGURATION, "appt/ü-7", VISIT_END);
        assertEquals(unicode, tokens.verify(tokens.mint(unicode)));
    }

    @Test
    void theConfigurationIdComesBackCanonicalAndTheExpiryRoundedUpToAMinute() {
        JoinLink link = new JoinLink(CONFIGURATION.toUpperCase(), CSN, VISIT_END.plusSeconds(1));
        JoinLink verified = tokens.verify(tokens.mint(link));
        assertEquals(CONFIGURATION, verified.configurationId());
        assertEquals(VISIT_END.plusSeconds(60), verified.expiresAt());
    }

    @Test
    void aTokenShowsNeitherTheAppointmentNorTheConfiguration() {
        String csn = "CSN-VISIBLE-1234567890";
        String token = tokens.mint(new JoinLink(CONFIGURATION, csn, VISIT_END));
        String bytes = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(csn) || bytes.contains("1234"), "the appointment id is encrypted");
        assertFalse(bytes.contains(new String(new byte[]{0x5f, 0x0c, 0x2b, (byte) 0x8e}, StandardCharsets.ISO_8859_1)),
                "the configuration id is encrypted");
        assertFalse(token.contains(csn));
    }

    @Test
    void theSameLinkMakesTheSameTokenAndAnyDifferenceAnother() {
        String token = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertEquals(token, tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END)));
        String later = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END.plusSeconds(60)));
        String other = tokens.mint(new JoinLink(CONFIGURATION, "1000187343", VISIT_END));
        assertNotEquals(token, later);
        assertNotEquals(token.substring(2, 20), later.substring(2, 20), "the tag, and with it the whole ciphertext, changes");
        assertNotEquals(token, other);
    }

    @Test
    void aTamperedByteAtAnyPositionIsInvalid() {
        byte[] bytes = Base64.getUrlDecoder().decode(tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END)));
        for (int position = 0; position < bytes.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[position] ^= (byte) (1 << bit);
                assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));
            }
        }
    }

    @Test
    void aTamperedCharacterAtAnyPositionIsInvalidAlsoWhenItDecodesToTheSameBytes() {
        String token = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        for (int position = 0; position < token.length(); position++) {
            for (char replacement : List.of('A', 'B', 'Q', 'g', 'w', '-', '_')) {
                if (token.charAt(position) != replacement) {
                    assertInvalid(token.substring(0, position) + replacement + token.substring(position + 1));
                }
            }
        }
        assertInvalid(token + "=");
        assertInvalid(token + "==");
    }

    @Test
    void aTokenOfAnotherKeyIsInvalid() {
        String forged = tokens(KEY_2, NOW).mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertInvalid(forged);
        String sameIdOtherSecret = tokens("1:" + Base64.getEncoder().encodeToString(bytes('z')), NOW)
                .mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertInvalid(sameIdOtherSecret);
    }

    @Test
    void keysRotateMintWithTheFirstVerifyWithAny() {
        String old = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        JoinLinkTokens learning = tokens(KEY_1 + "," + KEY_2, NOW);
        JoinLinkTokens rotated = tokens(KEY_2 + ", " + KEY_1, NOW);
        assertEquals(CSN, learning.verify(old).appointmentId());
        assertEquals(CSN, rotated.verify(old).appointmentId());
        String fresh = rotated.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertEquals(2, Base64.getUrlDecoder().decode(fresh)[1]);
        assertEquals(CSN, learning.verify(fresh).appointmentId(), "a verifier that knows the next key accepts it");
        JoinLinkTokens retired = tokens(KEY_2, NOW);
        assertEquals(CSN, retired.verify(fresh).appointmentId());
        assertInvalid(old, retired);
    }

    @Test
    void anAuthenticTokenPastItsExpiryIsExpired() {
        String token = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertEquals(CSN, tokens(KEY_1, VISIT_END.minusSeconds(1)).verify(token).appointmentId());
        assertEquals(Reason.EXPIRED, rejection(token, tokens(KEY_1, VISIT_END)).reason());
        assertEquals(Reason.EXPIRED, rejection(token, tokens(KEY_1, VISIT_END.plus(Duration.ofDays(400)))).reason());
        assertInvalid(tokens(KEY_2, NOW).mint(new JoinLink(CONFIGURATION, CSN, NOW.minusSeconds(600))));
    }

    @Test
    void truncatedOversizedAndGarbageTokensAreInvalid() {
        String token = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        for (int length = 0; length < token.length(); length++) {
            assertInvalid(token.substring(0, length));
        }
        assertInvalid(null);
        assertInvalid(token + "A");
        assertInvalid(token + "AAAA");
        assertInvalid("A".repeat(JoinLinkTokens.MAX_TOKEN_LENGTH + 1));
        assertInvalid("x".repeat(100_000));
        assertInvalid("A".repeat(JoinLinkTokens.MAX_TOKEN_LENGTH));
        assertInvalid("not a token at all");
        assertInvalid(token.replace('A', '+'));
        assertInvalid("%2e%2e%2f" + token);
        assertInvalid("ÄÖÜ" + token.substring(3));
    }

    @Test
    void tokensFitATextMessage() {
        String typical = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        assertTrue(typical.length() < 70, typical.length() + " characters");
        assertTrue(typical.matches("[A-Za-z0-9_-]+"), "path-safe without escaping");
        String longest = tokens.mint(new JoinLink(CONFIGURATION, "9".repeat(JoinLink.MAX_APPOINTMENT_ID_BYTES), VISIT_END));
        assertEquals(136, JoinLinkTokens.MAX_TOKEN_LENGTH);
        assertEquals(JoinLinkTokens.MAX_TOKEN_LENGTH, longest.length());
        assertEquals("9".repeat(64), tokens.verify(longest).appointmentId());
    }

    @Test
    void linksThatCannotBeMadeAreRefusedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> new JoinLink(CONFIGURATION, "9".repeat(65), VISIT_END));
        assertThrows(IllegalArgumentException.class, () -> new JoinLink(CONFIGURATION, "ü".repeat(33), VISIT_END));
        assertThrows(IllegalArgumentException.class, () -> new JoinLink(CONFIGURATION, " ", VISIT_END));
        assertThrows(IllegalArgumentException.class, () -> new JoinLink("not-a-uuid", CSN, VISIT_END));
        assertThrows(NullPointerException.class, () -> new JoinLink(CONFIGURATION, CSN, null));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint(new JoinLink(CONFIGURATION, CSN, Instant.EPOCH)));
        assertThrows(IllegalArgumentException.class,
                () -> tokens.mint(new JoinLink(CONFIGURATION, CSN, Instant.parse("+10137-01-01T00:00:00Z"))));
    }

    @Test
    void rejectionsNeverQuoteTheToken() {
        String token = tokens.mint(new JoinLink(CONFIGURATION, CSN, VISIT_END));
        for (String bad : List.of(token.substring(0, 40), token + "A", tokens(KEY_2, NOW).mint(new JoinLink(CONFIGURATION,
                CSN, VISIT_END)))) {
            JoinLinkRejected rejected = rejection(bad, tokens);
            assertFalse(rejected.getMessage().contains(bad.substring(0, 20)), rejected.getMessage());
            assertFalse(rejected.getMessage().contains(CSN), rejected.getMessage());
        }
        JoinLinkRejected expired = rejection(token, tokens(KEY_1, VISIT_END));
        assertFalse(expired.getMessage().contains(CSN) || expired.getMessage().contains(CONFIGURATION));
    }

    private void assertInvalid(String token) {
        assertInvalid(token, tokens);
    }

    private static void assertInvalid(String token, JoinLinkTokens verifier) {
        assertEquals(Reason.INVALID, rejection(token, verifier).reason(), token);
    }

    private static JoinLinkRejected rejection(String token, JoinLinkTokens verifier) {
        return assertThrows(JoinLinkRejected.class, () -> verifier.verify(token));
    }

    private static JoinLinkTokens tokens(String keys, Instant now) {
        return new JoinLinkTokens(JoinLinkKeys.parse(keys), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] bytes(char fill) {
        return String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII);
    }
}
