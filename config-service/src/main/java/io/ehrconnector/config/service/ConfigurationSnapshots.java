package io.ehrconnector.config.service;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.events.ConfigurationSnapshot;

/** What the rest of the suite learns about a configuration: its published snapshot (no secrets, no people). */
final class ConfigurationSnapshots {

    private ConfigurationSnapshots() {
    }

    static ConfigurationSnapshot of(FhirConfiguration c) {
        return new ConfigurationSnapshot(c.id, c.tenantId, c.environment, c.fhirBaseUrl, c.status.toEventStatus(), c.version,
                c.organizationName, c.timeZone, null, c.updatedAt);
    }
}
