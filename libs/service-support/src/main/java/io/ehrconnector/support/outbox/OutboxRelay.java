package io.ehrconnector.support.outbox;

import io.ehrconnector.support.events.KafkaCloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes committed outbox rows to Kafka in order and marks them published once the broker acknowledged them (acks=all).
 * A crash between the acknowledgement and the commit publishes the row again: delivery is at least once, and consumers
 * deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every outbox record leaves through; each record names its own topic. */
    public static final String CHANNEL = "outbox";

    private final OutboxRepository repository;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;

    OutboxRelay(OutboxRepository repository, @Channel(CHANNEL) MutinyEmitter<String> emitter,
                @ConfigProperty(name = "ehr.outbox.batch-size", defaultValue = "200") int batchSize) {
        this.repository = repository;
        this.emitter = emitter;
        this.batchSize = batchSize;
    }

    /** Publishes what committed since the last tick; rows left by a crashed replica or a failed tick are picked up too. */
    @Scheduled(every = "${ehr.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publishBatch()
                .onFailure().invoke(e -> Log.warnf("outbox relay failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Publishes up to one batch; returns how many rows it published. */
    public Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> repository.lockUnpublished(batchSize)
                .flatMap(this::publishInOrder));
    }

    private Uni<Integer> publishInOrder(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> emitter
                        .sendMessage(KafkaCloudEvents.message(row.topic, row.recordKey, row.payload))
                        .invoke(() -> row.publishedAt = OffsetDateTime.now(ZoneOffset.UTC)))
                .collect().asList()
                .map(List::size);
    }
}
