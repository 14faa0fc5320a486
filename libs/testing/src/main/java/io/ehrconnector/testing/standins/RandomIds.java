package io.ehrconnector.testing.standins;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for codes, tokens, message ids and the like. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** A URL-safe random string carrying {@code bytes} random bytes. */
    static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String uuid() {
        return java.util.UUID.randomUUID().toString();
    }
}
