package io.ehrconnector.config.sms;

import io.ehrconnector.config.entity.ConfigurationStatus;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What the SMS API answers and accepts (JSON). */
public final class SmsViews {

    private SmsViews() {
    }

    /** One consent with its exact text, and who gave it when (null while not given). */
    @RegisterForReflection
    record ConsentView(String name, String text, String textVersion, boolean given, String givenBy, OffsetDateTime givenAt,
                       String givenTextVersion) {
    }

    /** Both consents; {@code bothGiven} unlocks the rest of SMS. */
    @RegisterForReflection
    record ConsentsView(boolean bothGiven, List<ConsentView> consents) {

        static ConsentsView of(SmsConsent c) {
            List<ConsentView> views = new ArrayList<>();
            for (ConsentKind kind : ConsentKind.values()) {
                boolean given = c != null && c.given(kind);
                boolean patients = kind == ConsentKind.PATIENTS;
                views.add(new ConsentView(kind.slug(), kind.text(), kind.textVersion(), given,
                        !given ? null : patients ? c.patientsGivenBy : c.acsGivenBy,
                        !given ? null : patients ? c.patientsGivenAt : c.acsGivenAt,
                        !given ? null : patients ? c.patientsTextVersion : c.acsTextVersion));
            }
            return new ConsentsView(c != null && c.bothGiven(), views);
        }
    }

    /** A sending number; {@code linkedUrls} are the FHIR base URLs it serves. */
    @RegisterForReflection
    record PhoneNumberView(String id, String phoneNumber, SmsPhoneNumber.Type type, SmsPhoneNumber.Status status,
                           String jobId, List<String> linkedUrls, String error, OffsetDateTime createdAt, String createdBy) {

        static PhoneNumberView of(SmsPhoneNumber n, List<String> linkedUrls) {
            return new PhoneNumberView(n.id, n.phoneNumber, n.type, n.status, n.jobId,
                    linkedUrls == null ? List.of() : linkedUrls, n.error, n.createdAt, n.createdBy);
        }
    }

    /**
     * A phone number job. {@code step}: QUEUED, SEARCHING, PURCHASING, then ACTIVE or FAILED (buying); RELEASING, then
     * RELEASED (giving back). {@code done} once it ended; {@code progress} says what it is doing, {@code error} why it failed.
     */
    @RegisterForReflection
    record JobView(String jobId, String phoneNumberId, SmsPhoneNumber.JobStep step, boolean done, String progress, String error,
                   String phoneNumber, SmsPhoneNumber.Status status, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                   OffsetDateTime finishedAt) {

        static JobView of(SmsPhoneNumber n) {
            boolean done = n.status != SmsPhoneNumber.Status.PROVISIONING && n.status != SmsPhoneNumber.Status.RELEASING;
            return new JobView(n.jobId, n.id, n.jobStep, done, n.progress, n.error, n.phoneNumber, n.status, n.createdAt,
                    n.updatedAt, n.finishedAt);
        }
    }

    /**
     * The SMS settings of one FHIR base URL. {@code sending} tells whether texts actually go out now, and when not,
     * {@code notSendingBecause} says every reason (so nobody has to guess why SMS stopped).
     */
    @RegisterForReflection
    public record UrlSettingsView(String configurationId, String fhirBaseUrl, String environment, String configurationStatus,
                           String phoneNumberId, String sendingNumber, boolean enabled, boolean confirmOnScheduled,
                           boolean confirmOnUpdated, boolean confirmOnCancelled, List<String> reminderOffsets,
                           boolean sending, List<String> notSendingBecause, OffsetDateTime updatedAt, String updatedBy) {

        public static UrlSettingsView of(SmsSettingsService.UrlSettings v) {
            FhirConfiguration c = v.configuration();
            SmsUrlSettings s = v.settings();
            SmsPhoneNumber n = v.number();
            List<String> reminders = s == null ? List.of()
                    : ReminderOffsets.read(s.reminderOffsets).stream().map(ReminderOffsets::iso).toList();
            List<String> why = new ArrayList<>();
            if (!v.consentsGiven()) {
                why.add("Both SMS consents must be given.");
            }
            if (s == null || s.phoneNumberId == null) {
                why.add("No sending number is linked to this URL.");
            } else if (n == null || !n.active()) {
                why.add("The linked number is not active.");
            }
            if (s == null || !s.enabled) {
                why.add("SMS is switched off for this URL.");
            }
            if (s == null || (!s.confirmOnScheduled && !s.confirmOnUpdated && !s.confirmOnCancelled && reminders.isEmpty())) {
                why.add("No confirmation or reminder is chosen.");
            }
            if (c.status != ConfigurationStatus.APPROVED) {
                why.add("The configuration is " + c.status + "; texts go out for approved configurations only.");
            }
            return new UrlSettingsView(c.id, c.fhirBaseUrl, c.environment.name(), c.status.name(),
                    s == null ? null : s.phoneNumberId, n != null && n.active() ? n.phoneNumber : null,
                    s != null && s.enabled, s != null && s.confirmOnScheduled, s != null && s.confirmOnUpdated,
                    s != null && s.confirmOnCancelled, reminders, why.isEmpty(), why,
                    s == null ? null : s.updatedAt, s == null ? null : s.updatedBy);
        }
    }

    /** The answer to {@code preview=true}: what the change would stop; nothing was changed. */
    @RegisterForReflection
    record ImpactView(boolean preview, boolean confirmationRequired, List<StoppedSms> wouldStop) {

        static ImpactView of(List<StoppedSms> stops) {
            return new ImpactView(true, !stops.isEmpty(), stops);
        }
    }

    @RegisterForReflection
    record ConsentRequest(String textVersion) {
    }

    @RegisterForReflection
    record NumberRequest(String country, String type, String areaCode) {
    }

    @RegisterForReflection
    record ImportRequest(String phoneNumber) {
    }

    @RegisterForReflection
    record LinkRequest(String phoneNumberId) {
    }

    @RegisterForReflection
    record SettingsRequest(Boolean enabled, Boolean confirmOnScheduled, Boolean confirmOnUpdated, Boolean confirmOnCancelled,
                           List<String> reminderOffsets) {
    }
}
