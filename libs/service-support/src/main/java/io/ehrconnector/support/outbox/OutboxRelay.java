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
import java.util.Optional;

/**
 * Publishes committed outbox rows to Kafka in sequence order and marks each published once the broker acknowledged it
 * (acks=all). One replica publishes at a time (an advisory lock), so replicas cannot overtake each other.
 *
 * <p>A row that fails ends the batch: the rows before it stay marked published (the batch commits), the failure is counted
 * on the row, and the next tick starts again from it. After {@code ehr.outbox.max-attempts} failures the row is parked (logged
 * as an error, kept for an operator) so the rows after it flow again. A crash between the acknowledgement and the commit
 * publishes a row again: delivery is at least once, and consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The channel every outbox record leaves through; each record names its own topic. */
    public static final String CHANNEL = "outbox";

    /** How long one tick may go on publishing full batches. */
    static final Duration LONGEST_RUN = Duration.ofSeconds(10);

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

    /**
     * Publishes what committed since the last tick, batch after batch while batches come full (for at most
     * {@link #LONGEST_RUN}; the next tick goes on); rows left by a crashed replica or a failed tick are picked up too.
     */
    @Scheduled(every = "${ehr.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return publishWhileFull(System.nanoTime() + LONGEST_RUN.toNanos())
                .onFailure().invoke(e -> Log.warnf("outbox relay failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> publishWhileFull(long deadline) {
        return publishBatch().flatMap(published -> published == batchSize && System.nanoTime() < deadline
                ? publishWhileFull(deadline) : Uni.createFrom().voidItem());
    }

    /** Publishes up to one batch; returns how many rows it published (0 when another replica is publishing). */
    public Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> repository.becomePublisher().flatMap(publisher -> publisher
                ? repository.lockPending(batchSize).flatMap(this::publish)
                : Uni.createFrom().item(0)));
    }

    /**
     * Hands the whole batch to the producer at once, in sequence order, and waits for every acknowledgement: the producer
     * sends them together, in order per partition (idempotent, at most 5 requests in flight, so a failed record fails the
     * records after it in its partition). Rows are marked published up to the first failure; that row's failure is
     * counted and it and the rows after it go again on the next tick (consumers deduplicate a row that went twice).
     */
    private Uni<Integer> publish(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Optional<Throwable>>> sends = rows.stream()
                .map(row -> emitter.sendMessage(KafkaCloudEvents.message(row.topic, row.recordKey, row.payload))
                        .ifNoItem().after(sendTimeout).fail()
                        .onItem().transform(ignored -> Optional.<Throwable>empty())
                        .onFailure().recoverWithItem(Optional::of))
                .toList();
        return Uni.join().all(sends).andFailFast().flatMap(failures -> {
            int published = 0;
            while (published < rows.size() && failures.get(published).isEmpty()) {
                published++;
            }
            if (published < rows.size()) {
                recordFailure(rows.get(published), failures.get(published).get());
            }
            List<Long> sequences = rows.subList(0, published).stream().map(row -> row.sequence).toList();
            return repository.markPublished(sequences, OffsetDateTime.now(ZoneOffset.UTC)).replaceWith(published);
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
