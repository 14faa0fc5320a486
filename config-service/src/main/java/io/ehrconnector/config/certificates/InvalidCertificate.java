package io.ehrconnector.config.certificates;

import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.util.List;

/**
 * An upload that is not accepted as the EHR's certificate (422), with one problem type per reason so the portal can switch on
 * it, and a detail that says what to upload instead. The detail and the field error (field {@code certificate}, the request
 * body) are written from fixed text and from what was read out of a certificate (dates, key sizes); they never quote the
 * upload. Nothing was changed.
 */
final class InvalidCertificate extends ProblemException {

    /** Why an upload is refused; the slug is the problem type ({@code https://ehr-connector.io/problems/<slug>}). */
    enum Reason {
        EMPTY("certificate-empty", "No certificate uploaded"),
        TOO_LARGE("certificate-too-large", "Upload too large for a certificate"),
        NOT_A_CERTIFICATE("not-a-certificate", "Not an X.509 certificate"),
        PRIVATE_KEY("private-key-refused", "A private key was uploaded"),
        CHAIN_NOT_IN_ORDER("certificate-chain-not-in-order", "Several certificates that are not one chain"),
        EXPIRED("certificate-expired", "Certificate expired"),
        NOT_YET_VALID("certificate-not-yet-valid", "Certificate not valid yet"),
        WEAK_KEY("certificate-key-too-weak", "Certificate key too weak"),
        UNSUPPORTED_KEY("certificate-key-unsupported", "Certificate key type not supported"),
        WEAK_SIGNATURE("certificate-signature-too-weak", "Certificate signature too weak"),
        IN_USE_ELSEWHERE("certificate-in-use-elsewhere", "Certificate already uploaded by another organization");

        final String slug;
        final String title;

        Reason(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }
    }

    /** The field the errors name: the uploaded body. */
    static final String FIELD = "certificate";

    private final Reason reason;

    InvalidCertificate(Reason reason, String detail) {
        super(Problem.of(422, reason.slug, reason.title, detail).withErrors(List.of(new FieldError(FIELD, detail))));
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
