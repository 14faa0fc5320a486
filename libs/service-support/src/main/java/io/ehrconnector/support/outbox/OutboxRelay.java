package io.ehrconnector.support.outbox;

import io.ehrconnector.support.Failures;
import io.ehrconnector.support.events.KafkaCloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes committed outbox rows to Kafka in sequence order and marks each published once the broker acknowledged it
 * (acks=all). One replica publishes at a time (an advisory lock), so replicas cannot overtake each other.
 *
 * <p>A row that fails stops the batch: the rows before it stay marked published (the batch commits), the failure is counted
 * on the row, and the next tick starts again from it. After {@code ehr.outbox.max-attempts} failures the row is parked (logged
 * as an error, kept for an operator) so the rows after it flow again. A crash between the acknowledgement and the commit
 * publishes a row again: delivery is at least once, and consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every outbox record leaves through; each record names its own topic. */
    public static final String CHANNEL = "outbox";

    private final OutboxRepository repository;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration sendTimeout;

    OutboxRelay(OutboxRepository repository, @Channel(CHANNEL) MutinyEmitter<String> emitter,
                @ConfigProperty(name = "ehr.outbox.batch-size", defaultValue = "200") int batchSize,
                @ConfigProperty(name = "ehr.outbox.max-attempts", defaultValue = "10") int maxAttempts,
                @ConfigProperty(name = "ehr.outbox.send-timeout", defaultValue = "PT30S") Duration sendTimeout) {
        this.repository = repository;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.sendTimeout = sendTimeout;
    }

    /** Publishes what committed since the last tick; rows left by a crashed replica or a failed tick are picked up too. */
    @Scheduled(every = "${ehr.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return publishBatch()
                .onFailure().invoke(e -> Log.warnf("outbox relay failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Publishes up to one batch; returns how many rows it published (0 when another replica is publishing). */
    public Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> repository.becomePublisher().flatMap(publisher -> publisher
                ? repository.lockPending(batchSize).flatMap(rows -> publishFrom(rows, 0))
                : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishFrom(List<OutboxEvent> rows, int index) {
        if (index == rows.size()) {
            return Uni.createFrom().item(index);
        }
        OutboxEvent row = rows.get(index);
        return emitter.sendMessage(KafkaCloudEvents.message(row.topic, row.recordKey, row.payload))
                .ifNoItem().after(sendTimeout).fail()
                .onItem().transform(ignored -> true)
                .onFailure().recoverWithItem(failure -> {
                    recordFailure(row, failure);
                    return false;
                })
                .flatMap(sent -> {
                    if (!sent) {
                        return Uni.createFrom().item(index);
                    }
                    row.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return publishFrom(rows, index + 1);
                });
    }

    private void recordFailure(OutboxEvent row, Throwable failure) {
        row.attempts++;
        row.lastError = Failures.classChain(failure);
        if (row.attempts >= maxAttempts) {
            row.parkedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Log.errorf("outbox event %s (sequence %d, topic %s) parked after %d failed attempts (%s)", row.eventId,
                    row.sequence, row.topic, row.attempts, row.lastError);
        } else {
            Log.warnf("outbox event %s (sequence %d) not published, attempt %d of %d (%s)", row.eventId, row.sequence,
                    row.attempts, maxAttempts, row.lastError);
        }
    }
}
