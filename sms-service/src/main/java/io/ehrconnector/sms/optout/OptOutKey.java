package io.ehrconnector.sms.optout;

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
import java.util.HexFormat;
import java.util.Optional;

/**
 * The opt-out ledger's key ({@code ehr.sms.opt-out-key}, base64 of 32 random bytes): the ledger keeps a patient's number
 * only as an HMAC under it, enough to recognise the number, not to read it. Read at start, so a missing or malformed key
 * stops the service; outside dev and test the published dev/test key is refused. Changing the key forgets every opt-out.
 */
@Startup
@ApplicationScoped
public class OptOutKey {

    /** The %dev / %test value: base64 of {@code "INSECURE-dev-test-sms-opt-out-32"}. Public, so refused in production. */
    public static final String DEV_TEST_KEY = "SU5TRUNVUkUtZGV2LXRlc3Qtc21zLW9wdC1vdXQtMzI=";

    private final SecretKeySpec key;

    @Inject
    OptOutKey(@ConfigProperty(name = "ehr.sms.opt-out-key") Optional<String> key) {
        this(key.orElse(null), LaunchMode.current() == LaunchMode.NORMAL);
    }

    OptOutKey(String base64, boolean production) {
        this.key = new SecretKeySpec(SecretSettings.key("ehr.sms.opt-out-key", "EHR_SMS_OPT_OUT_KEY", base64, DEV_TEST_KEY,
                32, production), "HmacSHA256");
    }

    /** Hex HMAC-SHA256 of the E.164 number (as written, without spaces). */
    String recipientHmac(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(e164.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
