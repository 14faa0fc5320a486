package io.ehrconnector.testing.standins;

import java.time.Instant;

/**
 * One SMS recipient entry the ACS stand-in processed.
 *
 * @param receivedAt             when
 * @param from                   sender number
 * @param to                     recipient number
 * @param message                message text
 * @param messageId              the id returned ({@code null} when the recipient was rejected)
 * @param repeatabilityRequestId the recipient's repeatability request id, if any
 * @param tag                    {@code smsSendOptions.tag}, if any
 * @param deliveryReportRequested {@code smsSendOptions.enableDeliveryReport}
 * @param repeat                 true when this was a repeat of an earlier request id (answered from the first result,
 *                               not sent again)
 * @param httpStatusCode         the per-recipient status returned (202 accepted, 400 rejected)
 */
public record SentSms(Instant receivedAt, String from, String to, String message, String messageId,
                      String repeatabilityRequestId, String tag, boolean deliveryReportRequested, boolean repeat,
                      int httpStatusCode) {

    public boolean successful() {
        return httpStatusCode == 202;
    }
}
