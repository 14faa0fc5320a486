package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the Entra ID stand-in for a service under test and points the service's OIDC at its multi-tenant
 * ({@code organizations}) endpoint, as production points it at {@code https://login.microsoftonline.com/organizations/v2.0}.
 * Sets {@code ehr.entra.authority} (the base the per-tenant issuers start with) and injects the stand-in into fields marked
 * {@link InjectStandIn}, so a test can issue tokens for either tenant and any user. A test class that also uses
 * {@link GraphResource} shares this stand-in with it ({@link SharedEntraIdStandIn}).
 */
public class EntraIdResource implements QuarkusTestResourceLifecycleManager {

    private EntraIdStandIn entra;

    @Override
    public Map<String, String> start() {
        entra = SharedEntraIdStandIn.acquire();
        return Map.of(
                "quarkus.oidc.auth-server-url", entra.baseUrl() + "/organizations/v2.0",
                "ehr.entra.authority", entra.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(entra, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, EntraIdStandIn.class));
    }

    @Override
    public void stop() {
        if (entra != null) {
            SharedEntraIdStandIn.release();
            entra = null;
        }
    }
}
