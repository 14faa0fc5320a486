package io.ehrconnector.support.links;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The token of an SMS join link, {@code <public-url>/v/<token>}: the one format sms-service mints and launch-service
 * verifies. Short enough for a text message (about 65 characters for a typical CSN), not a JWT.
 *
 * <p>Bytes, base64url without padding:
 * <pre>
 *   version (1) = 1 | key id (1) | tag (16) | ciphertext of: configuration UUID (16) | expiry (4) | appointment id (1-64)
 * </pre>
 * The expiry is unsigned epoch minutes, big-endian; the appointment id is UTF-8 and runs to the end. The tag authenticates
 * the version, the key id and the plaintext; the plaintext is encrypted (see {@link JoinLinkKey}) so that a link shows no
 * EHR identifier to the carriers, link scanners and browser histories it passes through. Tokens are 52 to
 * {@value #MAX_TOKEN_LENGTH} characters.
 *
 * <p><b>For the minter</b> (sms-service): make one link per appointment and text, with {@code expiresAt} = the visit's end
 * (the appointment's {@code end}, or its start plus the expected length when absent) plus a grace for visits that overrun,
 * e.g. one hour; never days after the visit, since anyone holding the text can join until then. A rescheduled visit gets a
 * new link (the meeting stays the same). Put the link where the text cannot run into it: no punctuation right after it.
 * Minting the same link twice gives the same token.
 *
 * <p>Thread-safe.
 */
public final class JoinLinkTokens {

    private static final byte VERSION = 1;
    private static final int HEADER_BYTES = 2;
    private static final int FIXED_PLAINTEXT_BYTES = 16 + 4;
    private static final int MIN_BYTES = HEADER_BYTES + JoinLinkKey.TAG_BYTES + FIXED_PLAINTEXT_BYTES + 1;
    private static final int MAX_BYTES = MIN_BYTES - 1 + JoinLink.MAX_APPOINTMENT_ID_BYTES;

    /** The longest token (136: an appointment id of {@value JoinLink#MAX_APPOINTMENT_ID_BYTES} bytes). */
    public static final int MAX_TOKEN_LENGTH = (MAX_BYTES * 4 + 2) / 3;

    private static final long MAX_EXPIRY_MINUTES = 0xFFFF_FFFFL;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JoinLinkKeys keys;
    private final Clock clock;

    public JoinLinkTokens(JoinLinkKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The token of {@code link}, made with the current key. Its expiry is rounded up to the next whole minute.
     *
     * @throws IllegalArgumentException when the expiry is before 1970 or after the year 10136
     */
    public String mint(JoinLink link) {
        long expiryMinutes = Math.ceilDiv(link.expiresAt().toEpochMilli(), 60_000L);
        if (expiryMinutes < 1 || expiryMinutes > MAX_EXPIRY_MINUTES) {
            throw new IllegalArgumentException("a join link expires between 1970 and 10136");
        }
        UUID configurationId = UUID.fromString(link.configurationId());
        byte[] appointmentId = link.appointmentId().getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = ByteBuffer.allocate(FIXED_PLAINTEXT_BYTES + appointmentId.length)
                .putLong(configurationId.getMostSignificantBits()).putLong(configurationId.getLeastSignificantBits())
                .putInt((int) expiryMinutes).put(appointmentId).array();
        JoinLinkKey key = keys.current();
        byte[] header = {VERSION, (byte) key.id()};
        byte[] tag = key.tag(header, plaintext);
        return BASE64URL.encodeToString(ByteBuffer.allocate(HEADER_BYTES + tag.length + plaintext.length)
                .put(header).put(tag).put(key.crypt(tag, plaintext)).array());
    }

    /**
     * The link {@code token} opens. Authenticity is checked before expiry, so {@link JoinLinkRejected.Reason#EXPIRED} is
     * only ever said of a token the connector made.
     *
     * @throws JoinLinkRejected when it is expired, or anything but a token made with a configured key
     */
    public JoinLink verify(String token) {
        byte[] bytes = decode(token);
        JoinLinkKey key = bytes[0] == VERSION ? keys.find(Byte.toUnsignedInt(bytes[1])) : null;
        if (key == null) {
            throw JoinLinkRejected.invalid("unknown version or key");
        }
        byte[] header = {bytes[0], bytes[1]};
        byte[] tag = slice(bytes, HEADER_BYTES, JoinLinkKey.TAG_BYTES);
        int bodyStart = HEADER_BYTES + JoinLinkKey.TAG_BYTES;
        byte[] plaintext = key.crypt(tag, slice(bytes, bodyStart, bytes.length - bodyStart));
        if (!key.authentic(tag, header, plaintext)) {
            throw JoinLinkRejected.invalid("does not verify");
        }
        JoinLink link = read(plaintext);
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw JoinLinkRejected.expired();
        }
        return link;
    }

    /** The token's bytes, only from the one canonical base64url spelling of them and only within the length bounds. */
    private static byte[] decode(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw JoinLinkRejected.invalid("missing or too long");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw JoinLinkRejected.invalid("not base64url");
        }
        if (bytes.length < MIN_BYTES || !BASE64URL.encodeToString(bytes).equals(token)) {
            throw JoinLinkRejected.invalid("truncated or not canonical base64url");
        }
        return bytes;
    }

    private static JoinLink read(byte[] plaintext) {
        ByteBuffer body = ByteBuffer.wrap(plaintext);
        UUID configurationId = new UUID(body.getLong(), body.getLong());
        Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(body.getInt()) * 60);
        try {
            String appointmentId = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body).toString();
            return new JoinLink(configurationId.toString(), appointmentId, expiresAt);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            // Authentic but unreadable: only another implementation of the format could have made it.
            throw JoinLinkRejected.invalid("carries no valid appointment id");
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
