package io.ehrconnector.config.service;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.events.ConfigurationSnapshot;

/** What the rest of the suite learns about a configuration: its published snapshot (no secrets, no people). */
final class ConfigurationSnapshots {

    private ConfigurationSnapshots() {
    }

    /** @param sms the configuration's SMS settings, or null when SMS is not set up for it */
    static ConfigurationSnapshot of(FhirConfiguration c, ConfigurationSnapshot.SmsSettings sms) {
        return new ConfigurationSnapshot(c.id, c.tenantId, c.environment, c.fhirBaseUrl, c.status.toEventStatus(), c.version,
                c.organizationName, c.timeZone, sms, c.updatedAt);
    }
}
