package io.ehrconnector.config.sms;

import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The problems (RFC 9457) the SMS API answers with. Details say what to do and never quote request data. */
final class SmsProblems {

    private SmsProblems() {
    }

    /** 409: a consent is missing, so nothing else in SMS can be done yet. */
    static ProblemException consentMissing(SmsConsent consent) {
        List<String> missing = new ArrayList<>();
        for (ConsentKind kind : ConsentKind.values()) {
            if (consent == null || !consent.given(kind)) {
                missing.add(kind.slug());
            }
        }
        return new ProblemException(Problem.of(409, "sms-consent-missing", "SMS consents missing",
                "Before anything else in SMS, an admin must give both SMS consents. Missing: "
                        + String.join(" and ", missing) + " (give each with PUT /api/v1/sms/consents/{name}; read the texts"
                        + " at GET /api/v1/sms/consents).").withErrors(missing.stream()
                .map(slug -> new FieldError("consents." + slug, "This consent has not been given.")).toList()));
    }

    static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.of(422, "invalid-sms-settings", "The SMS settings cannot be saved as entered",
                errors.stream().map(FieldError::message).distinct().collect(Collectors.joining(" "))).withErrors(errors));
    }

    static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    static ProblemException numberNotFound() {
        return ProblemException.notFound("sms-phone-number-not-found", "Phone number not found",
                "Your organisation has no SMS phone number with this id; list /api/v1/sms/phone-numbers to find it.");
    }

    static ProblemException jobNotFound() {
        return ProblemException.notFound("sms-job-not-found", "Phone number job not found",
                "Your organisation has no phone number job with this id; list /api/v1/sms/phone-numbers to find it.");
    }

    static ProblemException consentUnknown() {
        return ProblemException.notFound("sms-consent-not-found", "No such consent",
                "The SMS consents are 'patients' and 'acs'.");
    }

    static ProblemException numberNotActive(SmsPhoneNumber number) {
        return ProblemException.conflict("sms-phone-number-not-active", "Phone number not active",
                switch (number.status) {
                    case PROVISIONING -> "This number is still being bought; link it once its job is ACTIVE"
                            + " (GET /api/v1/sms/phone-numbers/jobs/" + number.jobId + ").";
                    case FAILED -> "Buying this number failed, so there is no number to link; start a new one.";
                    default -> "This number is being released or was released; link another one.";
                });
    }

    static ProblemException numberNotReleasable(SmsPhoneNumber number) {
        return ProblemException.conflict("sms-phone-number-busy", "Phone number job still running",
                "This number is still being bought; wait until its job ends (GET /api/v1/sms/phone-numbers/jobs/"
                        + number.jobId + "), then release it.");
    }

    static ProblemException acsNotConfigured() {
        return ProblemException.of(503, "acs-not-configured", "Azure Communication Services not configured",
                "The connector has no Azure Communication Services resource configured (ehr.acs.endpoint and"
                        + " ehr.acs.access-key); ask the operator to set them.");
    }

    static ProblemException acsFailed(String reason) {
        return ProblemException.of(502, "acs-failed", "Azure Communication Services failed", reason);
    }

    static ProblemException numberHeld() {
        return ProblemException.conflict("sms-phone-number-held", "Phone number already registered",
                "This number is already registered with the connector; list /api/v1/sms/phone-numbers to find it.");
    }
}
