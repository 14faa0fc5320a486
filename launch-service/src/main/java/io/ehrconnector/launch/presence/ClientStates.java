package io.ehrconnector.launch.presence;

import io.ehrconnector.support.ehr.OAuthValues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret each subscription gets as its {@code clientState}, which Graph repeats in every notification: 256 random bits,
 * kept only as their SHA-256, compared in constant time. A notification without the right one is not Graph's.
 */
public final class ClientStates {

    /** Graph takes at most 128 characters; 32 bytes are 43 in base64url. */
    private static final int BYTES = 32;

    private ClientStates() {
    }

    public static String newClientState() {
        return OAuthValues.randomToken(BYTES);
    }

    public static String hash(String clientState) {
        return OAuthValues.sha256Hex(clientState);
    }

    /** True when {@code received} is the client state whose hash is {@code storedHash}. */
    public static boolean matches(String received, String storedHash) {
        if (!plausible(received) || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(received).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Graph's limit is 128 characters; anything much longer is not worth hashing. */
    public static boolean plausible(String received) {
        return received != null && !received.isEmpty() && received.length() <= 256;
    }
}
