package io.ehrconnector.hl7ingest.config;

import io.ehrconnector.support.phone.PhoneCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.HashMap;
import java.util.Map;

/** The patient phone cipher, from {@code ehr.phone-encryption.*}; a missing or bad key stops the service at start. */
@ApplicationScoped
public class PhoneCipherProducer {

    @Produces
    @ApplicationScoped
    PhoneCipher phoneCipher(Hl7Config config) {
        Map<String, String> keys = new HashMap<>();
        for (String entry : config.phoneEncryption().keys()) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("ehr.phone-encryption.keys entries are <key id>:<base64 key>");
            }
            keys.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return PhoneCipher.fromBase64(config.phoneEncryption().currentKeyId(), keys);
    }
}
