package io.ehrconnector.support.links;

import java.util.Locale;

/**
 * A join link token that opens nothing. The message names the reason only, never the token.
 */
public final class JoinLinkRejected extends RuntimeException {

    public enum Reason {
        /** Authentic, but past its expiry. */
        EXPIRED,
        /** Not a token the connector made with a key it still has: malformed, truncated, tampered, forged or retired. */
        INVALID
    }

    private final Reason reason;

    private JoinLinkRejected(Reason reason, String why) {
        super("join link " + reason.name().toLowerCase(Locale.ROOT) + ": " + why, null, false, false);
        this.reason = reason;
    }

    static JoinLinkRejected invalid(String why) {
        return new JoinLinkRejected(Reason.INVALID, why);
    }

    static JoinLinkRejected expired() {
        return new JoinLinkRejected(Reason.EXPIRED, "past its expiry");
    }

    public Reason reason() {
        return reason;
    }
}
