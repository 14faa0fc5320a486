package io.ehrconnector.support.outbox;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Any constant shared by every replica of a service: the key of the advisory lock that makes one of them the publisher. */
    private static final long PUBLISHER_LOCK_KEY = 0x6568_722d_6f75_7462L;

    /** Adds a row unless an event with the same id is already there (a retried transaction re-enqueues the same event). */
    public Uni<Void> insertIfAbsent(OutboxEvent row) {
        return NativeSql.update("insert into outbox_event (event_id, topic, record_key, payload, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing",
                row.eventId, row.topic, row.recordKey, row.payload, row.createdAt).replaceWithVoid();
    }

    /**
     * True when this transaction became the only publisher of this service's outbox (released at commit or rollback). One
     * publisher at a time keeps the publication order equal to the sequence order across replicas.
     */
    public Uni<Boolean> becomePublisher() {
        return NativeSql.single("select pg_try_advisory_xact_lock(?1)", Boolean.class, PUBLISHER_LOCK_KEY);
    }

    /** The oldest rows waiting for publication (not published, not parked), locked for this transaction. */
    public Uni<List<OutboxEvent>> lockPending(int limit) {
        return NativeSql.list("select * from outbox_event where published_at is null and parked_at is null"
                + " order by sequence limit ?1 for update", OutboxEvent.class, limit);
    }

    /** Marks the rows with these sequence numbers published, in one statement. */
    public Uni<Void> markPublished(List<Long> sequences, OffsetDateTime at) {
        if (sequences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.update("update outbox_event set published_at = ?1 where sequence in (?2)", at, sequences)
                .replaceWithVoid();
    }

    /** Deletes up to {@code limit} rows published before {@code cutoff}; returns how many. */
    public Uni<Integer> deletePublishedBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from outbox_event where sequence in (select sequence from outbox_event"
                + " where published_at < ?1 limit ?2)", cutoff, limit);
    }
}
