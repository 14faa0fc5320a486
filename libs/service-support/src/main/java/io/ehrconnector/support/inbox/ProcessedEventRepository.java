package io.ehrconnector.support.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * The processed-event ledger. Call {@link #firstDelivery} inside the transaction that applies the event: the event's effects
 * and its ledger row commit together, so a redelivered event is recognised and skipped.
 */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, ProcessedEvent.Key> {

    /** Records that {@code consumer} handles {@code eventId}; false when it already did (a redelivery). */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, now())"
                        + " on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Deletes up to {@code limit} ledger rows older than {@code cutoff}; returns how many. */
    public Uni<Integer> deleteProcessedBefore(OffsetDateTime cutoff, int limit) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("delete from processed_event where ctid in (select ctid from processed_event"
                        + " where processed_at < ?1 limit ?2)")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .executeUpdate());
    }
}
