package io.ehrconnector.launch.presence;

import io.ehrconnector.testing.FreePorts;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Presence switched on (it is off in the other tests), and Graph's webhook URLs pointing at the service under test: a fixed
 * port, so the Graph stand-in can run its validation handshake and deliver notifications to the real endpoints. The keeper
 * runs when woken (or when a test runs it), not on its timer, so tests decide when renewals happen.
 */
public class PresenceTestProfile implements QuarkusTestProfile {

    public static final int PORT = FreePorts.next();
    public static final String BASE_URL = "http://127.0.0.1:" + PORT;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ehr.presence.enabled", "true",
                "quarkus.http.test-port", String.valueOf(PORT),
                "ehr.presence.notification-base-url", BASE_URL,
                "ehr.presence.keeper-interval", "1h",
                "ehr.presence.worker-interval", "1s",
                "ehr.presence.live-view-heartbeat", "PT1S");
    }
}
