package io.ehrconnector.hl7ingest;

import io.ehrconnector.testing.standins.SelfSignedTls;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Switches on the MLLP over TLS listener with a throw-away server certificate (TLS registry entry {@code mllp}). Global, so
 * every test class shares one application start.
 */
public class MllpTlsResource implements QuarkusTestResourceLifecycleManager {

    private SelfSignedTls tls;

    @Override
    public Map<String, String> start() {
        tls = SelfSignedTls.generate("hl7-ingest mllp");
        return Map.of("ehr.hl7.mllp.tls.enabled", "true",
                "ehr.hl7.mllp.tls.port", "0",
                "quarkus.tls.mllp.key-store.p12.path", tls.keyStore().toString(),
                "quarkus.tls.mllp.key-store.p12.password", tls.password());
    }

    @Override
    public void stop() {
        if (tls != null) {
            tls.delete();
        }
    }
}
