package io.ehrconnector.sms.acs;

/**
 * What Azure Communication Services answered to one send.
 *
 * @param kind       what the caller should do about it
 * @param messageId  ACS's message id when {@link Kind#ACCEPTED}, else null
 * @param httpStatus the per-recipient or HTTP status ACS answered, 0 when no answer came (I/O failure, timeout)
 * @param errorCode  for diagnosis: ACS's error code, or the kind of failure; never the number or the text
 */
public record AcsSendResult(Kind kind, String messageId, int httpStatus, String errorCode) {

    public enum Kind {
        /** ACS accepted the message for delivery (also when it answered a repeat with the first result). */
        ACCEPTED,
        /** Permanent, for this recipient: ACS refused the number. */
        INVALID_NUMBER,
        /** 429, 5xx, I/O failure or timeout: send again later with the same repeatability id and first-sent time. */
        RETRYABLE,
        /** Any other 4xx (credentials, sending number, request): permanent. */
        REFUSED
    }

    static AcsSendResult accepted(String messageId, int httpStatus) {
        return new AcsSendResult(Kind.ACCEPTED, messageId, httpStatus, null);
    }
}
