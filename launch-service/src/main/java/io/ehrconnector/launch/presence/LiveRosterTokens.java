package io.ehrconnector.launch.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The token of a live roster link, {@code <public-url>/visits/live/<token>}, minted when a provider launches: base64url of
 * <pre>
 *   version (1) = 1 | expiry, epoch seconds (8) | configuration UUID (16) | meeting key, UTF-8 (1-200) | tag (16)
 * </pre>
 * The tag is HMAC-SHA256 of everything before it under the presence key's live-roster key, truncated to 128 bits, and is
 * compared in constant time. It names ids only (no PHI beyond the appointment id), and is no join link: the join link keys
 * are other keys. Thread-safe.
 */
@ApplicationScoped
class LiveRosterTokens {

    private static final byte VERSION = 1;
    private static final int TAG_BYTES = 16;
    private static final int FIXED_BYTES = 1 + 8 + 16;
    private static final int MAX_KEY_BYTES = 200 * 4;

    /** Why a token opens nothing. */
    static final class Rejected extends RuntimeException {

        private final boolean expired;

        Rejected(boolean expired) {
            super(expired ? "live roster link expired" : "not a live roster link", null, false, false);
            this.expired = expired;
        }

        /** True for an authentic token past its expiry; false for anything else (malformed, tampered, forged). */
        boolean expired() {
            return expired;
        }
    }

    private final PresenceKeys keys;
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    LiveRosterTokens(PresenceKeys keys, PresenceSettings settings) {
        this(keys, settings.liveViewLifetime(), Clock.systemUTC());
    }

    LiveRosterTokens(PresenceKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token for the visit's roster, working for {@code ehr.presence.live-view-lifetime}. */
    String mint(String configurationId, String meetingKey) {
        byte[] key = meetingKey.getBytes(StandardCharsets.UTF_8);
        UUID configuration = UUID.fromString(configurationId);
        ByteBuffer payload = ByteBuffer.allocate(FIXED_BYTES + key.length)
                .put(VERSION)
                .putLong(clock.instant().plus(lifetime).getEpochSecond())
                .putLong(configuration.getMostSignificantBits())
                .putLong(configuration.getLeastSignificantBits())
                .put(key);
        byte[] signed = Arrays.copyOf(payload.array(), payload.capacity() + TAG_BYTES);
        System.arraycopy(tag(payload.array()), 0, signed, payload.capacity(), TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /** @throws Rejected when the token is not one of ours, or has expired */
    LiveRosterToken verify(String token) {
        if (token == null || token.length() > 4 * (FIXED_BYTES + MAX_KEY_BYTES + TAG_BYTES) / 3 + 4) {
            throw new Rejected(false);
        }
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            throw new Rejected(false);
        }
        if (signed.length < FIXED_BYTES + 1 + TAG_BYTES || signed[0] != VERSION) {
            throw new Rejected(false);
        }
        byte[] payload = Arrays.copyOf(signed, signed.length - TAG_BYTES);
        if (!MessageDigest.isEqual(tag(payload), Arrays.copyOfRange(signed, payload.length, signed.length))) {
            throw new Rejected(false);
        }
        ByteBuffer fields = ByteBuffer.wrap(payload, 1, payload.length - 1);
        Instant expiresAt = Instant.ofEpochSecond(fields.getLong());
        String configurationId = new UUID(fields.getLong(), fields.getLong()).toString();
        String meetingKey = utf8(fields);
        if (!clock.instant().isBefore(expiresAt)) {
            throw new Rejected(true);
        }
        return new LiveRosterToken(configurationId, meetingKey, expiresAt);
    }

    private byte[] tag(byte[] payload) {
        return Arrays.copyOf(keys.mac(PresenceKeys.Purpose.LIVE_ROSTER_LINK, payload), TAG_BYTES);
    }

    private static String utf8(ByteBuffer rest) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(rest).toString();
        } catch (CharacterCodingException e) {
            throw new Rejected(false);
        }
    }
}
