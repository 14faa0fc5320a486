package io.ehrconnector.testing.standins;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes: random, short-lived and single-use (RFC 6749 4.1.2). A second redemption is reported as
 * {@link Reused} so the caller can revoke what the first one produced, as the RFC recommends.
 *
 * @param <G> what a code stands for (client, redirect URI, PKCE challenge, user, context)
 */
final class AuthorizationCodes<G> {

    sealed interface Redemption<G> permits Valid, Invalid, Reused {
    }

    record Valid<G>(G grant) implements Redemption<G> {
    }

    record Invalid<G>(String reason) implements Redemption<G> {
    }

    record Reused<G>(G grant) implements Redemption<G> {
    }

    /** How long an expired code is still told apart from an unknown one (a replay is reported as such). */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Map<String, Entry<G>> codes = new ConcurrentHashMap<>();
    private volatile Duration lifetime;
    private volatile Instant nextSweep = Instant.MIN;

    private static final class Entry<G> {
        final G grant;
        final Instant expiresAt;
        boolean redeemed;

        Entry(G grant, Instant expiresAt) {
            this.grant = grant;
            this.expiresAt = expiresAt;
        }
    }

    AuthorizationCodes(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    String issue(G grant) {
        Instant now = Instant.now();
        if (!now.isBefore(nextSweep)) {
            // At most once a minute: a sweep per code costs in proportion to the live codes (thousands in a benchmark).
            nextSweep = now.plus(SWEEP_EVERY);
            codes.values().removeIf(entry -> entry.expiresAt.isBefore(now.minus(FORGET_AFTER)));
        }
        String code = RandomIds.token(32);
        codes.put(code, new Entry<>(grant, now.plus(lifetime)));
        return code;
    }

    Redemption<G> redeem(String code) {
        if (code == null) {
            return new Invalid<>("code is missing");
        }
        Entry<G> entry = codes.get(code);
        if (entry == null) {
            return new Invalid<>("code is unknown");
        }
        synchronized (entry) {
            if (entry.redeemed) {
                return new Reused<>(entry.grant);
            }
            entry.redeemed = true;
        }
        if (Instant.now().isAfter(entry.expiresAt)) {
            return new Invalid<>("code has expired");
        }
        return new Valid<>(entry.grant);
    }
}
