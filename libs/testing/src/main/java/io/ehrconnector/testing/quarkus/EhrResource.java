package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.EhrStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the Epic-like EHR stand-in for a service under test, over HTTPS as a real Epic FHIR base is. Sets for test
 * configuration:
 * <ul>
 *   <li>{@code ehr.test.ehr.fhir-base-url}: {@code https://127.0.0.1:port/api/FHIR/R4};</li>
 *   <li>{@code ehr.test.ehr.trust-store.path}, {@code .password}, {@code .type}: a PKCS12 trust store holding the
 *       stand-in's self-signed certificate, for the service's HTTPS client (e.g.
 *       {@code %test.ehr.fhir.trust-store.path=${ehr.test.ehr.trust-store.path}}).</li>
 * </ul>
 * and injects the stand-in into fields marked {@link InjectStandIn} (to register clients and launches, read what it got).
 */
public class EhrResource implements QuarkusTestResourceLifecycleManager {

    private EhrStandIn ehr;

    @Override
    public Map<String, String> start() {
        ehr = new EhrStandIn(0).tls(true).start();
        return Map.of(
                "ehr.test.ehr.fhir-base-url", ehr.fhirBaseUrl(),
                "ehr.test.ehr.trust-store.path", ehr.trustStorePath().toString(),
                "ehr.test.ehr.trust-store.password", ehr.trustStorePassword(),
                "ehr.test.ehr.trust-store.type", ehr.trustStoreType());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(ehr, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, EhrStandIn.class));
    }

    @Override
    public void stop() {
        if (ehr != null) {
            ehr.stop();
        }
    }
}
