package io.ehrconnector.config.service;

import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;

/**
 * What an admin enters for a configuration. On an update, null fields keep their value.
 *
 * @param environment      the Epic environment the URL belongs to
 * @param fhirBaseUrl      the EHR's FHIR base URL (https, ending in /R4 or /DSTU2)
 * @param approverUsername the Epic customer analyst who must approve: their Microsoft 365 sign-in name in this tenant
 * @param organizationName the hospital's name as patients know it (SMS texts)
 * @param timeZone         IANA time zone of the hospital (appointment times in texts)
 * @param ehrWriteBack     how connects and disconnects are written back to the EHR; on a registration, null means
 *                         {@link EhrWriteBack#FHIR_AUDIT_EVENT}. The only field whose change keeps the approval.
 */
public record ConfigurationInput(Environment environment, String fhirBaseUrl, String approverUsername,
                                 String organizationName, String timeZone, EhrWriteBack ehrWriteBack) {

    /** An input that leaves the write-back as it is (or, on a registration, at its default). */
    public ConfigurationInput(Environment environment, String fhirBaseUrl, String approverUsername,
                              String organizationName, String timeZone) {
        this(environment, fhirBaseUrl, approverUsername, organizationName, timeZone, null);
    }

    /** An update that changes only the write-back. */
    public static ConfigurationInput ehrWriteBack(EhrWriteBack ehrWriteBack) {
        return new ConfigurationInput(null, null, null, null, null, ehrWriteBack);
    }
}
