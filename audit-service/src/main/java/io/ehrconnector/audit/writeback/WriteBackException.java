package io.ehrconnector.audit.writeback;

/** Carries a {@link WriteFailure} through a failed Uni; its message is the failure's safe reason. */
class WriteBackException extends RuntimeException {

    private final transient WriteFailure failure;

    WriteBackException(WriteFailure failure) {
        super(failure.reason(), null, false, false);
        this.failure = failure;
    }

    WriteFailure failure() {
        return failure;
    }
}
