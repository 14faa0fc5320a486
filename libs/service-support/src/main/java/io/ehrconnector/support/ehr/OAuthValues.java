package io.ehrconnector.support.ehr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/** The random values and hashes of an OAuth 2.0 authorization code flow: state, nonce, PKCE. */
public final class OAuthValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthValues() {
    }

    /** {@code bytes} random bytes, base64url without padding (32 bytes: 256 bits, unguessable). */
    public static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** SHA-256 of {@code value}, lower-case hex: how states and browser bindings are stored. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /**
     * Whether {@code presentedBinding} (the browser's cookie value) is the one whose hash was stored when the flow began;
     * false when the browser presented none. Compared in constant time.
     */
    public static boolean sameBrowser(String storedBindingHash, String presentedBinding) {
        return presentedBinding != null && MessageDigest.isEqual(
                storedBindingHash.getBytes(StandardCharsets.US_ASCII),
                sha256Hex(presentedBinding).getBytes(StandardCharsets.US_ASCII));
    }

    /** PKCE's S256 {@code code_challenge} of {@code verifier} (RFC 7636). */
    public static String s256Challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    /** {@code fields} as {@code application/x-www-form-urlencoded} (also a query string), in the map's order. */
    public static String formUrlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
