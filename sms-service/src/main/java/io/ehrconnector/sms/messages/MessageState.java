package io.ehrconnector.sms.messages;

/** Where one text stands; PENDING until it is settled one of the other ways. */
public enum MessageState {
    /** Due at {@code due_at}, or waiting for its lease or retry backoff to run out. */
    PENDING,
    /** Accepted by Azure Communication Services. */
    SENT,
    /** Refused for good by ACS, or still failing when the retries or the time ran out. */
    FAILED,
    /** Decided against when it came due (opted out, SMS switched off, not a US number, no number, too late). */
    NOT_SENT,
    /** Made moot before it was sent: a reschedule moved the visit, a cancellation ended it, or a newer confirmation replaced it. */
    WITHDRAWN
}
