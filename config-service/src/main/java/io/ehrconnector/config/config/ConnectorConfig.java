package io.ehrconnector.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the connector is reachable and what Epic knows it by: everything the integration records are made of. */
@ConfigMapping(prefix = "ehr.connector")
public interface ConnectorConfig {

    /** The connector's public https base URL behind the ingress (what Epic and browsers call), e.g. https://teams-ehr.hospital.org. */
    String publicUrl();

    /** The host Epic's interface engine opens MLLP connections to (often an internal name, not the public one). */
    String mllpHost();

    /** The MLLP port of hl7-ingest-service. */
    @WithDefault("2575")
    int mllpPort();

    /** The connector's Epic app registrations (client ids) for the non-production environment. */
    EpicClients test();

    /** The connector's Epic app registrations (client ids) for production. */
    EpicClients production();

    interface EpicClients {

        /** Client id of the provider app (Hyperspace, Haiku, Canto launches). */
        String providerClientId();

        /** Client id of the patient app (MyChart launches). */
        String patientClientId();
    }
}
