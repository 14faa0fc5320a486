package io.ehrconnector.hl7ingest.https;

/**
 * Why a posted message's signature was not accepted: a problem type slug (the client may switch on it) and a detail that
 * says what to fix. Neither quotes the request.
 */
public final class SignatureRefused extends RuntimeException {

    private final String type;

    SignatureRefused(String type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }
}
