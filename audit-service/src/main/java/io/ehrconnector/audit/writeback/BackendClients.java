package io.ehrconnector.audit.writeback;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.smallrye.config.ConfigMapping;

/**
 * The connector's Epic Backend Services app of each environment ({@code ehr.connector.<environment>.backend-client-id}, beside
 * the provider and patient launch apps of launch-service and config-service), registered in Epic with the connector's JWK
 * Set URL.
 */
@ConfigMapping(prefix = "ehr.connector")
public interface BackendClients {

    BackendClient test();

    BackendClient production();

    interface BackendClient {

        String backendClientId();
    }

    default String clientIdOf(Environment environment) {
        return (environment == Environment.PRODUCTION ? production() : test()).backendClientId();
    }
}
