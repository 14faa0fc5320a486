package io.ehrconnector.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * What became of one SMS the connector meant to send about an appointment: decided not to send, sent (accepted by Azure
 * Communication Services), delivered or failed. One message can produce several of these (SENT, then DELIVERED or FAILED);
 * {@code providerMessageId} ties them together. Published by sms-service on {@link Topics#SMS_DELIVERIES}, key
 * {@link Topics#visitKey}. Never carries the phone number or the text.
 *
 * @param configurationId   the configuration (FHIR base URL) of the appointment, a UUID
 * @param appointmentId     the EHR's id of the appointment the message is about
 * @param messageType       which message it is
 * @param reminderOffset    for a {@link MessageType#REMINDER}, how long before the visit start it is due (ISO-8601 duration,
 *                          e.g. {@code PT24H}); null for every other message type
 * @param outcome           what happened to it
 * @param reason            why it was not sent or failed; present exactly when the outcome is {@link Outcome#NOT_SENT} or
 *                          {@link Outcome#FAILED}
 * @param providerMessageId Azure Communication Services message id, once ACS accepted the message; null before
 * @param occurredAt        when the outcome happened (decision, acceptance by ACS, or the delivery report's time)
 */
public record SmsDelivery(
        String configurationId,
        String appointmentId,
        MessageType messageType,
        Duration reminderOffset,
        Outcome outcome,
        Reason reason,
        String providerMessageId,
        OffsetDateTime occurredAt) {

    private static final Set<Outcome> UNSUCCESSFUL = EnumSet.of(Outcome.NOT_SENT, Outcome.FAILED);

    /** Which message; a closed set. */
    public enum MessageType {
        /** Confirmation of a booked visit (S12). */
        CONFIRMATION_SCHEDULED,
        /** Confirmation of a rescheduled or changed visit (S13, S14). */
        CONFIRMATION_UPDATED,
        /** Confirmation of a cancelled visit (S15, S17). */
        CONFIRMATION_CANCELLED,
        /** A reminder at one of the configured offsets before the visit. */
        REMINDER
    }

    /** What happened to the message; a closed set. */
    public enum Outcome {
        /** Accepted by Azure Communication Services for delivery. */
        SENT,
        /** The carrier reported delivery to the handset. */
        DELIVERED,
        /** ACS refused it or the carrier reported it undeliverable. */
        FAILED,
        /** The connector decided not to send it; nothing went to ACS. */
        NOT_SENT
    }

    /**
     * Why a message was not sent or failed. An open set: a newer producer may add values, which older consumers read as
     * {@link #OTHER}.
     */
    public enum Reason {
        /** The patient opted out of SMS (replied STOP) for this sending number. */
        OPTED_OUT,
        /** The number is not a US number; the toll-free sending numbers reach US numbers only. */
        NOT_US_NUMBER,
        /** SMS is switched off, or its consents are missing, for the configuration. */
        SMS_DISABLED,
        /** The configuration does not send this message type (or this reminder offset). */
        MESSAGE_TYPE_DISABLED,
        /** The appointment carries no phone number usable for SMS. */
        NO_MOBILE_NUMBER,
        /** The message came due after the visit started, or the numbers were already erased. */
        TOO_LATE,
        /** ACS or the carrier rejected the number as invalid. */
        INVALID_NUMBER,
        /** The carrier could not deliver the message. */
        UNDELIVERABLE,
        /** ACS failed (error response, timeout after the retries). */
        SERVICE_ERROR,
        /** Anything else, and any value this version does not know. */
        @JsonEnumDefaultValue
        OTHER
    }

    public SmsDelivery {
        required(configurationId, "configurationId");
        required(appointmentId, "appointmentId");
        required(messageType, "messageType");
        required(outcome, "outcome");
        required(occurredAt, "occurredAt");
        if (messageType == MessageType.REMINDER) {
            required(reminderOffset, "reminderOffset");
            check(reminderOffset.isPositive(), "reminderOffset", "is not positive");
        } else {
            check(reminderOffset == null, "reminderOffset", "is only allowed for messageType REMINDER");
        }
        if (UNSUCCESSFUL.contains(outcome)) {
            required(reason, "reason");
        } else {
            check(reason == null, "reason", "is only allowed for outcomes NOT_SENT and FAILED");
        }
    }
}
