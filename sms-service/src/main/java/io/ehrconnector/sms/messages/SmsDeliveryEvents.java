package io.ehrconnector.sms.messages;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;

/**
 * Announces what became of a text ({@link SmsDelivery} on the SMS-deliveries topic) through the outbox, in the transaction
 * that records it. The event id is derived from the text and the outcome, so announcing the same outcome twice (a retried
 * transaction, a redelivered report) yields one event for consumers.
 */
@ApplicationScoped
public class SmsDeliveryEvents {

    private static final URI SOURCE = CloudEvent.serviceSource("sms-service");

    private final Outbox outbox;

    SmsDeliveryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param reason            required for NOT_SENT and FAILED, else null
     * @param providerMessageId ACS's message id once it accepted the text, else null
     */
    public Uni<Void> announce(SmsMessage message, SmsDelivery.Outcome outcome, SmsDelivery.Reason reason,
                              String providerMessageId, OffsetDateTime occurredAt) {
        SmsDelivery delivery = new SmsDelivery(message.configurationId, message.appointmentId, message.messageType,
                message.reminderOffset(), outcome, reason, providerMessageId, occurredAt);
        String key = Topics.visitKey(message.configurationId, message.appointmentId);
        String id = CloudEvent.deterministicId(EventType.SMS_DELIVERY_REPORTED, message.repeatabilityId.toString(),
                outcome.name());
        return outbox.enqueue(CloudEvent.of(EventType.SMS_DELIVERY_REPORTED, id, SOURCE, key, occurredAt, delivery), key);
    }
}
