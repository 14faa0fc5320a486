package io.ehrconnector.support.inbox;

import io.ehrconnector.support.NativeSql;
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
        return NativeSql.update("insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, now())"
                + " on conflict do nothing", consumer, eventId).map(inserted -> inserted == 1);
    }

    /** Deletes up to {@code limit} ledger rows older than {@code cutoff}; returns how many. */
    public Uni<Integer> deleteProcessedBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from processed_event where ctid in (select ctid from processed_event"
                + " where processed_at < ?1 limit ?2)", cutoff, limit);
    }
}
