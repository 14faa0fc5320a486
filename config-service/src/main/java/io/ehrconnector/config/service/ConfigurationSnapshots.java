package io.ehrconnector.config.service;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.events.ConfigurationSnapshot;

import java.util.List;

/** What the rest of the suite learns about a configuration: its published snapshot (no secrets, no people). */
final class ConfigurationSnapshots {

    private ConfigurationSnapshots() {
    }

    /**
     * @param sms          the configuration's SMS settings, or null when SMS is not set up for it
     * @param certificates the EHR certificates of its tenant and environment
     */
    static ConfigurationSnapshot of(FhirConfiguration c, ConfigurationSnapshot.SmsSettings sms,
                                    List<ConfigurationSnapshot.EhrCertificate> certificates) {
        return new ConfigurationSnapshot(c.id, c.tenantId, c.environment, c.fhirBaseUrl, c.status.toEventStatus(), c.version,
                c.organizationName, c.timeZone, sms, certificates, c.updatedAt, c.ehrWriteBack);
    }
}
