package io.ehrconnector.launch.quality;

/** A call record with more sessions or participants than any visit has: not a visit's call, and not worth retrying. */
class CallRecordTooLargeException extends RuntimeException {

    CallRecordTooLargeException(String what) {
        super(what, null, false, false);
    }
}
