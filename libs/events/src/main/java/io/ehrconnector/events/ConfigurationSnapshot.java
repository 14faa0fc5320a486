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
 * @param ehrCertificates  the EHR's public-key certificates uploaded for this tenant and environment (the current one and
 *                         the one it replaced), which Epic's HL7 messages are authenticated with; empty (also when given as
 *                         null) when none is uploaded. Public certificates only, never a key.
 * @param updatedAt        when this version was made
 * @param ehrWriteBack     how audit-service tells the EHR about connects and disconnects; {@link EhrWriteBack#FHIR_AUDIT_EVENT}
 *                         when absent (snapshots published before the choice existed)
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
        List<EhrCertificate> ehrCertificates,
        OffsetDateTime updatedAt,
        EhrWriteBack ehrWriteBack) {

    /** Which EHR environment; a closed set. */
    public enum Environment { TEST, PRODUCTION }

    /** Lifecycle state; a closed set. */
    public enum Status { PENDING_APPROVAL, APPROVED, DISABLED }

    /** How connects and disconnects are written back to the EHR; a closed set. */
    public enum EhrWriteBack {
        /** A FHIR R4 AuditEvent per connect, disconnect and device test, created at the FHIR base URL. */
        FHIR_AUDIT_EVENT,
        /**
         * Epic's telehealth SetExternalConnectionStatus web service on the same Interconnect instance, so Hyperspace shows who
         * is connected; device tests are not written (the call has no place for them).
         */
        EPIC_CONNECTION_STATUS
    }

    /** A snapshot with the default write-back, {@link EhrWriteBack#FHIR_AUDIT_EVENT}. */
    public ConfigurationSnapshot(String configurationId, String tenantId, Environment environment, String fhirBaseUrl,
                                 Status status, long version, String organizationName, String timeZone, SmsSettings sms,
                                 List<EhrCertificate> ehrCertificates, OffsetDateTime updatedAt) {
        this(configurationId, tenantId, environment, fhirBaseUrl, status, version, organizationName, timeZone, sms,
                ehrCertificates, updatedAt, EhrWriteBack.FHIR_AUDIT_EVENT);
    }

    public ConfigurationSnapshot {
        required(configurationId, "configurationId");
        required(tenantId, "tenantId");
        required(environment, "environment");
        required(fhirBaseUrl, "fhirBaseUrl");
        required(status, "status");
        required(timeZone, "timeZone");
        required(updatedAt, "updatedAt");
        ehrCertificates = ehrCertificates == null ? List.of() : requiredList(ehrCertificates, "ehrCertificates");
        ehrWriteBack = ehrWriteBack == null ? EhrWriteBack.FHIR_AUDIT_EVENT : ehrWriteBack;
    }

    /**
     * One uploaded EHR certificate. Consumers pin it (compare what Epic presents with it exactly) and honour its validity
     * period themselves; they never use it as a trust anchor.
     *
     * @param role              {@link Role#CURRENT} (the newest upload) or {@link Role#PREVIOUS} (still accepted during a
     *                          rotation until the admin removes it)
     * @param fingerprintSha256 SHA-256 of the DER encoding, upper-case hex pairs separated by colons
     * @param certificatePem    the X.509 certificate, PEM ({@code -----BEGIN CERTIFICATE-----})
     * @param notBefore         start of its validity
     * @param notAfter          end of its validity
     */
    public record EhrCertificate(
            Role role,
            String fingerprintSha256,
            String certificatePem,
            OffsetDateTime notBefore,
            OffsetDateTime notAfter) {

        /** A closed set. */
        public enum Role { CURRENT, PREVIOUS }

        public EhrCertificate {
            required(role, "role");
            required(fingerprintSha256, "fingerprintSha256");
            required(certificatePem, "certificatePem");
            required(notBefore, "notBefore");
            required(notAfter, "notAfter");
        }

        /** The fingerprint format of {@link #fingerprintSha256}: SHA-256 of {@code der}, upper-case hex pairs joined by colons. */
        public static String fingerprintOf(byte[] der) {
            try {
                return fingerprintOfDigest(java.security.MessageDigest.getInstance("SHA-256").digest(der));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        /** {@link #fingerprintSha256}'s format of a SHA-256 digest already made (e.g. a JWS {@code x5t#S256}). */
        public static String fingerprintOfDigest(byte[] sha256) {
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
        }

        /** Whether it is within its validity period at {@code instant}. */
        public boolean validAt(java.time.Instant instant) {
            return !instant.isBefore(notBefore.toInstant()) && !instant.isAfter(notAfter.toInstant());
        }
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

    /**
     * What Epic puts in MSH-5 (receiving application) of HL7 messages for this FHIR base URL, shown in its integration
     * record: when several URLs of one environment share the EHR certificate (hence one MLLP connection or HTTPS endpoint),
     * it says which URL a message is for. {@code EHRC-} and the first 8 hex digits of the configuration id: short enough for
     * MSH-5's 20-character namespace id.
     */
    public static String hl7ReceivingApplication(String configurationId) {
        return "EHRC-" + configurationId.replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether services may use this configuration. Derived from {@link #status}, so not part of the JSON. */
    @JsonIgnore
    public boolean isApproved() {
        return status == Status.APPROVED;
    }
}
