package io.ehrconnector.support.phone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * {@code ehr.phone-encryption.*}: the keys of the patient phone cipher ({@link PhoneCipherProducer}). Optional here because
 * only the services built with {@code enabled=true} read them; those refuse to start without them.
 */
@ConfigMapping(prefix = "ehr.phone-encryption")
public interface PhoneEncryptionSettings {

    /** Build-time switch: whether this service has the cipher. */
    @WithDefault("false")
    boolean enabled();

    /** Id of the key new ciphertexts use. */
    Optional<String> currentKeyId();

    /**
     * {@code <key id>:<base64 of 32 random bytes>}, comma-separated, from a secret ({@code EHR_PHONE_ENCRYPTION_KEYS}). Old
     * keys stay listed while numbers made with them may still be read.
     */
    Optional<List<String>> keys();
}
