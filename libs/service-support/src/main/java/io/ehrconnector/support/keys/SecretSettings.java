package io.ehrconnector.support.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads a secret setting at start: present, well-formed, and in production not the published dev/test value that the
 * services' application.properties use for %dev and %test. Each failure is an {@link IllegalStateException} whose message
 * names the setting and its environment variable and says how to make a value; no message ever quotes a value.
 */
public final class SecretSettings {

    private SecretSettings() {
    }

    /**
     * A random key: base64 of exactly {@code bytes} bytes.
     *
     * @param property   the setting, e.g. {@code ehr.sms.opt-out-key}
     * @param variable   its environment variable, e.g. {@code EHR_SMS_OPT_OUT_KEY}
     * @param devTest    the published dev/test value, refused when {@code production}
     * @param production true in the prod profile
     */
    public static byte[] key(String property, String variable, String configured, String devTest, int bytes,
                             boolean production) {
        String hint = " Set " + variable + " (" + property + ") to the base64 of " + bytes + " random bytes, e.g. the output"
                + " of `openssl rand -base64 " + bytes + "`, from a secret store.";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(property + " is not set." + hint);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64." + hint);
        }
        if (key.length != bytes) {
            throw new IllegalStateException(property + " must be " + bytes + " bytes." + hint);
        }
        if (production && Arrays.equals(key, Base64.getDecoder().decode(devTest))) {
            throw new IllegalStateException(property + " is the published dev/test key." + hint);
        }
        return key;
    }

    /**
     * A shared secret text (e.g. a webhook key another system sends back), at least {@code minLength} characters.
     *
     * @see #key for the parameters
     */
    public static String text(String property, String variable, String configured, String devTest, int minLength,
                              boolean production) {
        String hint = " Set " + variable + " (" + property + ") to at least " + minLength + " random characters, e.g. the"
                + " output of `openssl rand -base64 32`, from a secret store.";
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(property + " is not set." + hint);
        }
        String secret = configured.strip();
        if (secret.length() < minLength) {
            throw new IllegalStateException(property + " is shorter than " + minLength + " characters." + hint);
        }
        if (production && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                devTest.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException(property + " is the published dev/test value." + hint);
        }
        return secret;
    }
}
