package io.ehrconnector.sms.inbound;

import io.ehrconnector.support.keys.SecretSettings;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The secret Event Grid sends with every delivery to the webhook: the subscription carries it as a secret delivery property,
 * header {@value #HEADER}, value {@code ehr.sms.webhook-key}. Read at start, so a missing or short key stops the service;
 * outside dev and test the published dev/test key is refused.
 */
@Startup
@ApplicationScoped
public class WebhookKey {

    public static final String HEADER = "X-Ehr-Webhook-Key";
    /** The %dev / %test value. Public, so refused in production. */
    public static final String DEV_TEST_KEY = "INSECURE-dev-test-sms-webhook-key-0123456";
    static final int MIN_LENGTH = 32;

    private final byte[] digest;

    @Inject
    WebhookKey(@ConfigProperty(name = "ehr.sms.webhook-key") Optional<String> key) {
        this(key.orElse(null), LaunchMode.current() == LaunchMode.NORMAL);
    }

    WebhookKey(String key, boolean production) {
        this.digest = sha256(SecretSettings.text("ehr.sms.webhook-key", "EHR_SMS_WEBHOOK_KEY", key, DEV_TEST_KEY, MIN_LENGTH,
                production));
    }

    /** Whether {@code presented} is the key; the time taken does not depend on how much of it matches. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
