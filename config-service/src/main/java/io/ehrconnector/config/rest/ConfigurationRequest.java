package io.ehrconnector.config.rest;

import io.ehrconnector.config.service.ConfigurationInput;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.validation.constraints.Size;

/**
 * The body of a registration (all fields but {@code ehrWriteBack}, which defaults to {@code FHIR_AUDIT_EVENT}) or an update
 * (only the fields to change). An unknown {@code environment} or {@code ehrWriteBack} is a 400 naming the field.
 */
public record ConfigurationRequest(
        Environment environment,
        @Size(max = 2000) String fhirBaseUrl,
        @Size(max = 320) String approverUsername,
        @Size(max = 200) String organizationName,
        @Size(max = 64) String timeZone,
        EhrWriteBack ehrWriteBack) {

    ConfigurationInput toInput() {
        return new ConfigurationInput(environment, fhirBaseUrl, approverUsername, organizationName, timeZone, ehrWriteBack);
    }
}
