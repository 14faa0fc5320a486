package io.ehrconnector.sms.inbound;

import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.sms.messages.SmsDeliveryEvents;
import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A delivery report ({@code Microsoft.Communication.SMSDeliveryReportReceived}) becomes an {@link SmsDelivery}
 * {@code DELIVERED} or {@code FAILED} through the outbox. The message is found by ACS's message id, or by the tag
 * {@code AcsSms} sends (the repeatability id), which also finds a message whose send was accepted but whose message id
 * was not stored yet. Its row is locked, so the report's event is enqueued after the one that announced the send.
 */
@ApplicationScoped
class DeliveryReports {

    /** Carrier and ACS wording for a number that cannot receive texts. */
    private static final Pattern INVALID_NUMBER = Pattern.compile(
            "invalid|not valid|unknown subscriber|unallocated|landline|not a mobile|not sms.capable");

    private final SmsMessageRepository messages;
    private final SmsDeliveryEvents deliveries;

    DeliveryReports(SmsMessageRepository messages, SmsDeliveryEvents deliveries) {
        this.messages = messages;
        this.deliveries = deliveries;
    }

    /** Publishes the report inside the caller's transaction; returns the outcome for the metrics. */
    Uni<String> handle(EventGridEvent event) {
        String messageId = event.dataText("messageId");
        SmsDelivery.Outcome outcome = outcome(event.dataText("deliveryStatus"));
        if (messageId == null || outcome == null) {
            return Uni.createFrom().item(messageId == null ? "incomplete" : "not-final");
        }
        return messages.findReported(messageId, tag(event.dataText("tag"))).chain(message -> {
            if (message == null) {
                Log.infof("Delivery report for an unknown message ignored (Event Grid event %s)", event.id());
                return Uni.createFrom().item("unknown-message");
            }
            SmsDelivery.Reason reason = outcome == SmsDelivery.Outcome.FAILED
                    ? reason(event.dataText("deliveryStatusDetails")) : null;
            return deliveries.announce(message, outcome, reason, messageId, occurredAt(event)).replaceWith("published");
        });
    }

    /** Only final statuses become events; ACS reports {@code Delivered} or {@code Failed}. */
    static SmsDelivery.Outcome outcome(String status) {
        if ("Delivered".equalsIgnoreCase(status)) {
            return SmsDelivery.Outcome.DELIVERED;
        }
        return "Failed".equalsIgnoreCase(status) ? SmsDelivery.Outcome.FAILED : null;
    }

    static SmsDelivery.Reason reason(String details) {
        return details != null && INVALID_NUMBER.matcher(details.toLowerCase(Locale.ROOT)).find()
                ? SmsDelivery.Reason.INVALID_NUMBER : SmsDelivery.Reason.UNDELIVERABLE;
    }

    private static UUID tag(String tag) {
        try {
            return tag == null ? null : UUID.fromString(tag);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static OffsetDateTime occurredAt(EventGridEvent event) {
        OffsetDateTime at = event.dataTime("receivedTimestamp");
        if (at == null) {
            at = event.eventTime();
        }
        return (at != null ? at : OffsetDateTime.now()).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
