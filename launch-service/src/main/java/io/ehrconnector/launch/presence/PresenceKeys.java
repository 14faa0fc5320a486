package io.ehrconnector.launch.presence;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The keys of presence, derived from the one secret {@code ehr.presence.key} (HKDF-Expand with the secret as pseudo-random
 * key, which 32 random bytes are): one for participant ids, one for live roster links, so neither can stand in for the
 * other. Made at start when presence is on, so a missing or malformed key stops the service with a message saying what to
 * set; outside dev and test the published dev/test key is refused. No key or derived value is ever logged.
 */
@Startup
@ApplicationScoped
public class PresenceKeys {

    /** The %dev / %test value: base64 of {@code "INSECURE-dev-test-presence-key32"}. Public, so refused in production. */
    public static final String DEV_TEST_KEY = "SU5TRUNVUkUtZGV2LXRlc3QtcHJlc2VuY2Uta2V5MzI=";
    static final int KEY_BYTES = 32;

    /** What a derived key is for. */
    enum Purpose {
        PARTICIPANT_ID("ehr-connector/presence/v1/participant-id"),
        LIVE_ROSTER_LINK("ehr-connector/presence/v1/live-roster-link");

        private final String info;

        Purpose(String info) {
            this.info = info;
        }
    }

    private final SecretKeySpec participantIds;
    private final SecretKeySpec liveRosterLinks;

    @Inject
    PresenceKeys(PresenceSettings settings) {
        this(settings.enabled() ? settings.key().orElse(null) : DEV_TEST_KEY,
                settings.enabled() && LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param base64     the configured key
     * @param production true in the prod profile, where the published dev/test key is refused
     */
    PresenceKeys(String base64, boolean production) {
        byte[] secret = secret(base64, production);
        this.participantIds = derive(secret, Purpose.PARTICIPANT_ID);
        this.liveRosterLinks = derive(secret, Purpose.LIVE_ROSTER_LINK);
        Arrays.fill(secret, (byte) 0);
    }

    /** HMAC-SHA256 of {@code data} under the key of {@code purpose}. */
    byte[] mac(Purpose purpose, byte[] data) {
        Mac mac = hmac(purpose == Purpose.PARTICIPANT_ID ? participantIds : liveRosterLinks);
        return mac.doFinal(data);
    }

    private static byte[] secret(String base64, boolean production) {
        String hint = " Set EHR_PRESENCE_KEY (ehr.presence.key) to the base64 of 32 random bytes, e.g. the output of"
                + " `openssl rand -base64 32`, from a secret store; or switch presence off with ehr.presence.enabled=false.";
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("ehr.presence.key is not set." + hint);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ehr.presence.key is not valid base64." + hint);
        }
        if (secret.length != KEY_BYTES) {
            throw new IllegalStateException("ehr.presence.key must be " + KEY_BYTES + " bytes." + hint);
        }
        if (production && Arrays.equals(secret, Base64.getDecoder().decode(DEV_TEST_KEY))) {
            throw new IllegalStateException("ehr.presence.key is the published dev/test key." + hint);
        }
        return secret;
    }

    /** HKDF-Expand (RFC 5869), one block. */
    private static SecretKeySpec derive(byte[] secret, Purpose purpose) {
        Mac mac = hmac(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(purpose.info.getBytes(StandardCharsets.US_ASCII));
        return new SecretKeySpec(mac.doFinal(new byte[]{1}), "HmacSHA256");
    }

    private static Mac hmac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
