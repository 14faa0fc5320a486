package io.ehrconnector.hl7ingest.config;

import io.ehrconnector.support.phone.PhoneCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The patient phone cipher, from {@code ehr.phone-encryption.*}; a missing or bad key stops the service at start. */
@ApplicationScoped
public class PhoneCipherProducer {

    @Produces
    @ApplicationScoped
    PhoneCipher phoneCipher(Hl7Config config) {
        return PhoneCipher.fromBase64(config.phoneEncryption().currentKeyId(), config.phoneEncryption().keys());
    }
}
