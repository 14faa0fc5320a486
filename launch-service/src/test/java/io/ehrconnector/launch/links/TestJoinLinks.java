package io.ehrconnector.launch.links;

import io.ehrconnector.support.links.JoinLink;
import io.ehrconnector.support.links.JoinLinkKeys;
import io.ehrconnector.support.links.JoinLinkTokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Join link tokens made the way sms-service makes them in its %test profile: with the published dev/test key, which
 * launch-service's %test profile verifies with. A link made here that launch-service accepts proves both services agree.
 */
final class TestJoinLinks {

    private static final JoinLinkTokens TEST_KEY = tokens(JoinLinkKeys.DEV_TEST_KEYS);
    /** Same key id as the test key, another secret: what a forger without the key can make. */
    private static final JoinLinkTokens FORGER = tokens("1:" + randomSecret());

    private TestJoinLinks() {
    }

    static String mint(String configurationId, String appointmentId, Instant expiresAt) {
        return TEST_KEY.mint(new JoinLink(configurationId, appointmentId, expiresAt));
    }

    static String forge(String configurationId, String appointmentId, Instant expiresAt) {
        return FORGER.mint(new JoinLink(configurationId, appointmentId, expiresAt));
    }

    private static JoinLinkTokens tokens(String keys) {
        return new JoinLinkTokens(JoinLinkKeys.parse(keys), Clock.systemUTC());
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
