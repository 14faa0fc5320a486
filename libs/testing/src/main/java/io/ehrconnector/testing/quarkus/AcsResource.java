package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.AcsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the Azure Communication Services stand-in (HTTPS with a self-signed certificate, HMAC-checked) and points the
 * service's ACS SDK clients at it (service-support's {@code io.ehrconnector.support.acs.AcsConnection}):
 * {@code ehr.acs.endpoint}, {@code ehr.acs.access-key} and a trust store for its certificate. Injects the stand-in into
 * fields marked {@link InjectStandIn}.
 */
public class AcsResource implements QuarkusTestResourceLifecycleManager {

    private AcsStandIn acs;

    @Override
    public Map<String, String> start() {
        acs = new AcsStandIn(0).start();
        return Map.of(
                "ehr.acs.endpoint", acs.endpoint(),
                "ehr.acs.access-key", acs.accessKey(),
                "ehr.acs.trust-store.path", acs.trustStorePath().toString(),
                "ehr.acs.trust-store.password", acs.trustStorePassword());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(acs, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, AcsStandIn.class));
    }

    @Override
    public void stop() {
        if (acs != null) {
            acs.stop();
            acs = null;
        }
    }
}
