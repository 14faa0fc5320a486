package io.ehrconnector.config;

import io.ehrconnector.testing.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The connector's public URL ({@code ehr.connector.public-url}) is the test server itself, on a port chosen here: the
 * addresses config-service makes from it (the SMART callback Epic redirects to) are the ones a test can follow, as the
 * public URL is the ingress in production.
 */
public class PublicUrlResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port = FreePorts.next();
        return Map.of("quarkus.http.test-port", Integer.toString(port),
                "ehr.connector.public-url", "http://localhost:" + port);
    }

    @Override
    public void stop() {
    }
}
