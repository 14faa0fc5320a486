package io.ehrconnector.support.outbox;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The transactional outbox: a service that changes its data and must announce the change calls {@link #enqueue} inside the
 * same transaction. {@link OutboxRelay} publishes what committed; nothing is announced that did not happen, nothing that
 * happened goes unannounced.
 *
 * <p>Order: rows are published in the order their sequence numbers were drawn, which is insert order, not commit order. Two
 * transactions that enqueue events with the same key must therefore be serialised by the caller, by locking the row the
 * events are about before enqueueing (which a service changing that row does anyway).
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;

    Outbox(OutboxRepository repository) {
        this.repository = repository;
    }

    /**
     * Adds {@code event} to the outbox, to be published on its type's topic with {@code key}. Needs an open transaction.
     * Enqueueing the same event (same id) twice adds it once.
     */
    public Uni<Void> enqueue(CloudEvent<?> event, String key) {
        EventType type = EventType.fromType(event.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.type()));
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.topic = type.topic();
        row.recordKey = key;
        row.payload = CloudEventCodec.toJson(event);
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return repository.insertIfAbsent(row);
    }
}
