package io.ehrconnector.launch.meeting;

import io.ehrconnector.support.keys.SecretSettings;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The externalId a visit's meeting is created (or found) with: base64url of HMAC-SHA256 under {@code
 * ehr.meeting.external-id-key} over {@code configurationId/meetingKey} (a configuration id is a UUID, so the pair cannot be
 * read two ways). Anyone who can read the meeting in Graph sees it; appointment ids (Epic CSNs) are short numbers, so a
 * plain hash would give the appointment away to a search over them, and the key prevents that. Read at start, so a missing
 * or malformed key stops the service with a message saying what to set; outside dev and test the published dev/test key is
 * refused.
 */
@Startup
@ApplicationScoped
public class MeetingExternalIds {

    /** The %dev / %test value: base64 of {@code "INSECURE-dev-test-meeting-ids32B"}. Public, so refused in production. */
    public static final String DEV_TEST_KEY = "SU5TRUNVUkUtZGV2LXRlc3QtbWVldGluZy1pZHMzMkI=";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    @Inject
    MeetingExternalIds(@ConfigProperty(name = "ehr.meeting.external-id-key", defaultValue = "") String base64) {
        this(base64, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** @param production true in the prod profile, where the published dev/test key is refused */
    MeetingExternalIds(String base64, boolean production) {
        byte[] secret = SecretSettings.key("ehr.meeting.external-id-key", "EHR_MEETING_EXTERNAL_ID_KEY", base64, DEV_TEST_KEY,
                KEY_BYTES, production);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        Arrays.fill(secret, (byte) 0);
    }

    /** The externalId of the visit {@code meetingKey} of configuration {@code configurationId}: 43 characters. */
    public String of(String configurationId, String meetingKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((configurationId + "/" + meetingKey).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
