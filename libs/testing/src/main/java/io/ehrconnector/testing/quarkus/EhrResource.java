package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.EhrStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the Epic-like EHR stand-in for a service under test. Sets {@code ehr.test.ehr.fhir-base-url} for test configuration
 * and injects the stand-in into fields marked {@link InjectStandIn} (to register clients and launches, read what it got).
 */
public class EhrResource implements QuarkusTestResourceLifecycleManager {

    private EhrStandIn ehr;

    @Override
    public Map<String, String> start() {
        ehr = new EhrStandIn(0).start();
        return Map.of("ehr.test.ehr.fhir-base-url", ehr.fhirBaseUrl());
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
