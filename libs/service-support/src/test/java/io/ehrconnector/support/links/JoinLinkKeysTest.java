package io.ehrconnector.support.links;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinLinkKeysTest {

    private static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String URL_SAFE_SECRET = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new byte[]{-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19,
                    -20, -21, -22, -23, -24, -25, -26, -27, -28, -29, -30, -31, -32});

    @Test
    void theFirstKeyIsCurrent() {
        assertEquals(7, JoinLinkKeys.parse("7:" + SECRET + ", 3:" + URL_SAFE_SECRET).currentKeyId());
        assertEquals(255, JoinLinkKeys.parse(" 255 : " + SECRET).currentKeyId());
        assertEquals(0, JoinLinkKeys.parse("0:" + URL_SAFE_SECRET).currentKeyId());
    }

    @Test
    void malformedKeysAreRefusedWithoutQuotingThem() {
        for (String bad : List.of("", " ", SECRET, ":" + SECRET, "x:" + SECRET, "256:" + SECRET, "-1:" + SECRET,
                "1:" + SECRET + ",1:" + URL_SAFE_SECRET, "1:c2hvcnQ=", "1:not base64!", "1:" + SECRET + ",",
                "1:" + SECRET.substring(0, 20))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JoinLinkKeys.parse(bad),
                    bad);
            assertFalse(refused.getMessage().contains(SECRET.substring(0, 12)), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> JoinLinkKeys.parse(null));
    }

    @Test
    void thePublishedDevTestKeyIsRecognisedAndRefusedInProduction() {
        assertTrue(JoinLinkKeys.parse(JoinLinkKeys.DEV_TEST_KEYS).devTestKeyListed());
        assertTrue(JoinLinkKeys.parse("2:" + SECRET + "," + JoinLinkKeys.DEV_TEST_KEYS).devTestKeyListed());
        assertFalse(JoinLinkKeys.parse("1:" + SECRET).devTestKeyListed());

        assertEquals(1, JoinLinkTokensProducer.keys(JoinLinkKeys.DEV_TEST_KEYS, false).currentKeyId());
        IllegalStateException production = assertThrows(IllegalStateException.class,
                () -> JoinLinkTokensProducer.keys(JoinLinkKeys.DEV_TEST_KEYS, true));
        assertTrue(production.getMessage().contains("EHR_JOIN_LINKS_KEYS"), production.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> JoinLinkTokensProducer.keys(null, true));
        assertTrue(missing.getMessage().startsWith("no join link key is configured. Set EHR_JOIN_LINKS_KEYS"),
                missing.getMessage());
    }
}
