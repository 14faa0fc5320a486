package io.ehrconnector.launch.quality;

/**
 * A call record that fetching again will not make usable: more sessions or participants than any visit has, or missing what
 * the event needs (its start and end). Its message is a fixed text, safe to log.
 */
class UnusableCallRecordException extends RuntimeException {

    UnusableCallRecordException(String why) {
        super(why, null, false, false);
    }
}
