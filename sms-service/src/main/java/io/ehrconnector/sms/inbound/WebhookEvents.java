package io.ehrconnector.sms.inbound;

import io.ehrconnector.support.inbox.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/**
 * Applies the events of one delivery in order, each in its own transaction together with its row in the processed-event
 * ledger, so an event Event Grid delivers again (same id) is applied once. A failure fails the delivery, which Event Grid
 * then retries; the events already applied are skipped.
 */
@ApplicationScoped
class WebhookEvents {

    static final String CONSUMER = "sms-service/acs-webhook";

    private final ProcessedEventRepository ledger;
    private final InboundMessages inboundMessages;
    private final DeliveryReports deliveryReports;
    private final WebhookMetrics metrics;

    WebhookEvents(ProcessedEventRepository ledger, InboundMessages inboundMessages, DeliveryReports deliveryReports,
                  WebhookMetrics metrics) {
        this.ledger = ledger;
        this.inboundMessages = inboundMessages;
        this.deliveryReports = deliveryReports;
        this.metrics = metrics;
    }

    Uni<Void> apply(List<EventGridEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::apply)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(EventGridEvent event) {
        return switch (event.eventType()) {
            case EventGridEvent.SMS_RECEIVED -> once(event, "sms-received", inboundMessages::handle);
            case EventGridEvent.SMS_DELIVERY_REPORT -> once(event, "delivery-report", deliveryReports::handle);
            case EventGridEvent.SUBSCRIPTION_VALIDATION -> Uni.createFrom().voidItem();
            default -> {
                metrics.count("other", "ignored");
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private Uni<Void> once(EventGridEvent event, String type, Function<EventGridEvent, Uni<String>> handler) {
        return Panache.withTransaction(() -> ledger.firstDelivery(CONSUMER, event.id())
                        .chain(first -> first ? handler.apply(event) : Uni.createFrom().item("duplicate")))
                .invoke(outcome -> metrics.count(type, outcome))
                .replaceWithVoid();
    }
}
