package io.ehrconnector.support.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * The oldest unpublished events, locked for this transaction; rows another replica holds are skipped, so replicas never
     * publish the same rows at once.
     */
    public Uni<List<OutboxEvent>> lockUnpublished(int limit) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select * from outbox_event where published_at is null order by sequence"
                        + " limit ?1 for update skip locked", OutboxEvent.class)
                .setParameter(1, limit)
                .getResultList());
    }

    public Uni<Long> countUnpublished() {
        return count("publishedAt is null");
    }
}
