package io.ehrconnector.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static io.ehrconnector.events.ContractViolation.required;
import static io.ehrconnector.events.ContractViolation.requiredList;

/**
 * The full state of one FHIR base URL configuration as every service needs it. Published by config-service on
 * {@link Topics#CONFIGURATIONS} (compacted, key = configuration id) on every change; the newest {@code version} wins. Never
 * carries secrets, tokens or personal data.
 *
 * @param configurationId  stable id of the configuration, a UUID assigned by config-service
 * @param tenantId         Entra ID tenant ({@code tid}, a UUID) that owns it
 * @param environment      which Epic environment this URL belongs to; a test configuration never serves production
 * @param fhirBaseUrl      the EHR's FHIR base URL; SMART launches present it as {@code iss}
 * @param status           lifecycle state; only {@link Status#APPROVED} configurations may be used
 * @param version          0 or more, increases by one on every change
 * @param organizationName the hospital's display name, used in SMS texts; null when not set
 * @param timeZone         IANA zone id used to read HL7 times without offset and to show appointment times (e.g.
 *                         America/Chicago)
 * @param sms              SMS settings, or null when SMS is not set up
 * @param updatedAt        when this version was made
 */
public record ConfigurationSnapshot(
        String configurationId,
        String tenantId,
        Environment environment,
        String fhirBaseUrl,
        Status status,
        long version,
        String organizationName,
        String timeZone,
        SmsSettings sms,
        OffsetDateTime updatedAt) {

    /** Which EHR environment; a closed set. */
    public enum Environment { TEST, PRODUCTION }

    /** Lifecycle state; a closed set. */
    public enum Status { PENDING_APPROVAL, APPROVED, DISABLED }

    public ConfigurationSnapshot {
        required(configurationId, "configurationId");
        required(tenantId, "tenantId");
        required(environment, "environment");
        required(fhirBaseUrl, "fhirBaseUrl");
        required(status, "status");
        required(timeZone, "timeZone");
        required(updatedAt, "updatedAt");
    }

    /**
     * @param enabled            SMS switched on for this URL
     * @param consentsGiven      both SMS consent boxes ticked by the admin
     * @param sendingNumber      the E.164 number texts are sent from (the hospital's, not a patient's); null until a number is
     *                           provisioned and linked
     * @param confirmOnScheduled send a confirmation when a visit is booked
     * @param confirmOnUpdated   send a confirmation when a visit is rescheduled or changed
     * @param confirmOnCancelled send a confirmation when a visit is cancelled
     * @param reminderOffsets    reminders are sent this long before the visit (ISO-8601 durations on the wire, e.g. PT24H);
     *                           empty (also when given as null) for no reminders
     */
    public record SmsSettings(
            boolean enabled,
            boolean consentsGiven,
            String sendingNumber,
            boolean confirmOnScheduled,
            boolean confirmOnUpdated,
            boolean confirmOnCancelled,
            List<Duration> reminderOffsets) {

        public SmsSettings {
            reminderOffsets = reminderOffsets == null ? List.of() : requiredList(reminderOffsets, "reminderOffsets");
        }
    }

    /** Whether services may use this configuration. Derived from {@link #status}, so not part of the JSON. */
    @JsonIgnore
    public boolean isApproved() {
        return status == Status.APPROVED;
    }
}
