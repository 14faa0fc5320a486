package io.ehrconnector.support.phone;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link PhoneCipher} as a bean, in the services built with {@code ehr.phone-encryption.enabled=true} (hl7-ingest-service
 * encrypts, sms-service decrypts), from {@code ehr.phone-encryption.current-key-id} and {@code ehr.phone-encryption.keys}
 * ({@code <key id>:<base64 of 32 random bytes>}, comma-separated, from a secret: {@code EHR_PHONE_ENCRYPTION_KEYS}; old keys
 * stay listed while numbers made with them may still be read). Made at start, so a missing or bad key stops the service.
 */
@ApplicationScoped
@IfBuildProperty(name = PhoneCipherProducer.ENABLED, stringValue = "true")
public class PhoneCipherProducer {

    /** Build-time property that gives a service the bean. */
    public static final String ENABLED = "ehr.phone-encryption.enabled";

    @Produces
    @Singleton
    @Startup
    PhoneCipher phoneCipher(PhoneEncryptionSettings settings) {
        String hint = " Set EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID and EHR_PHONE_ENCRYPTION_KEYS (<key id>:<base64 of 32 random"
                + " bytes>, comma-separated) from the secret hl7-ingest-service and sms-service share.";
        String currentKeyId = settings.currentKeyId()
                .orElseThrow(() -> new IllegalStateException("ehr.phone-encryption.current-key-id is not set." + hint));
        Map<String, String> keys = new HashMap<>();
        for (String entry : settings.keys().orElseThrow(
                () -> new IllegalStateException("ehr.phone-encryption.keys is not set." + hint))) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("ehr.phone-encryption.keys entries are <key id>:<base64 key>." + hint);
            }
            keys.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return PhoneCipher.fromBase64(currentKeyId, keys);
    }
}
