package io.ehrconnector.config.rest;

import io.ehrconnector.config.entity.ConfigurationStatus;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.client.FhirVersion;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.time.OffsetDateTime;

/**
 * A configuration as the API shows it, with {@code nextStep}: what has to happen next, and by whom, in plain words.
 */
public record ConfigurationView(String id, Environment environment, String fhirBaseUrl, FhirVersion fhirVersion,
                                String approverUsername, String organizationName, String timeZone,
                                EhrWriteBack ehrWriteBack, ConfigurationStatus status, long version,
                                OffsetDateTime smartValidatedAt, String smartValidatedBy, OffsetDateTime approvedAt,
                                String approvedBy, OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt,
                                String updatedBy, String nextStep) {

    public static ConfigurationView of(FhirConfiguration c) {
        return new ConfigurationView(c.id, c.environment, c.fhirBaseUrl, c.fhirVersion, c.approverUsername,
                c.organizationName, c.timeZone, c.ehrWriteBack, c.status, c.version, c.smartValidatedAt,
                c.smartValidatedBy, c.approvedAt, c.approvedBy, c.createdAt, c.createdBy, c.updatedAt, c.updatedBy,
                nextStep(c));
    }

    private static String nextStep(FhirConfiguration c) {
        return switch (c.status) {
            case PENDING_APPROVAL -> c.smartValidatedAt == null
                    ? c.approverUsername + " signs in to Epic (SMART validation) for this URL, then approves it."
                    : c.approverUsername + " approves it (the SMART validation succeeded).";
            case APPROVED -> "In use. Enter the integration records in Epic " + c.environment.name().toLowerCase() + ".";
            case DISABLED -> "Disabled. An admin can enable it; it then needs a new approval.";
        };
    }
}
