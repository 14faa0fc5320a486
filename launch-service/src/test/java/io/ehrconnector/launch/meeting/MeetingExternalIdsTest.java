package io.ehrconnector.launch.meeting;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetingExternalIdsTest {

    private static final String CONFIGURATION = "6f1c2a8e-4b7d-4e0a-9c3f-2d5e8a1b7c90";
    private static final String KEY = randomKey();

    @Test
    void theExternalIdIsTheBase64UrlHmacOfConfigurationAndAppointmentUnderTheKey() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((CONFIGURATION + "/1234567").getBytes(StandardCharsets.UTF_8)));

        String externalId = new MeetingExternalIds(KEY, true).of(CONFIGURATION, "1234567");

        assertEquals(expected, externalId);
        assertEquals(43, externalId.length());
        assertFalse(externalId.contains("1234567"));
    }

    @Test
    void oneAppointmentOneIdAnotherAppointmentConfigurationOrKeyAnother() {
        MeetingExternalIds ids = new MeetingExternalIds(KEY, true);
        String externalId = ids.of(CONFIGURATION, "1234567");

        assertEquals(externalId, new MeetingExternalIds(KEY, true).of(CONFIGURATION, "1234567"), "same visit, same meeting");
        assertNotEquals(externalId, ids.of(CONFIGURATION, "1234568"));
        assertNotEquals(externalId, ids.of("7f1c2a8e-4b7d-4e0a-9c3f-2d5e8a1b7c90", "1234567"));
        assertNotEquals(externalId, new MeetingExternalIds(randomKey(), true).of(CONFIGURATION, "1234567"),
                "without the key, the appointment cannot be searched for");
        assertNotEquals(externalId, new MeetingExternalIds(MeetingExternalIds.DEV_TEST_KEY, false).of(CONFIGURATION,
                "1234567"));
    }

    @Test
    void aMissingMalformedOrPublishedKeyStopsTheServiceSayingWhatToSet() {
        for (String bad : new String[] {"", "not base64!", Base64.getEncoder().encodeToString(new byte[16])}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new MeetingExternalIds(bad, true));
            assertTrue(refused.getMessage().contains("EHR_MEETING_EXTERNAL_ID_KEY"), refused.getMessage());
        }
        IllegalStateException published = assertThrows(IllegalStateException.class,
                () -> new MeetingExternalIds(MeetingExternalIds.DEV_TEST_KEY, true));
        assertTrue(published.getMessage().contains("published dev/test key"), published.getMessage());
        assertEquals(43, new MeetingExternalIds(MeetingExternalIds.DEV_TEST_KEY, false).of(CONFIGURATION, "1").length(),
                "dev and test use it");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
