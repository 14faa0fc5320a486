package io.ehrconnector.config.rest;

import io.ehrconnector.config.service.ConfigurationInput;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.validation.constraints.Size;

/** The body of a registration (all fields) or an update (only the fields to change). */
public record ConfigurationRequest(
        Environment environment,
        @Size(max = 2000) String fhirBaseUrl,
        @Size(max = 320) String approverUsername,
        @Size(max = 200) String organizationName,
        @Size(max = 64) String timeZone) {

    ConfigurationInput toInput() {
        return new ConfigurationInput(environment, fhirBaseUrl, approverUsername, organizationName, timeZone);
    }
}
