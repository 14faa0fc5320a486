package io.ehrconnector.audit.writeback;

import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.audit.log.AuditEntryRepository;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.vertx.OwnContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the queue to the EHRs, on every replica: claims the next write of up to {@code batch-size} visits
 * ({@link EhrWriteQueue#claim}), writes them in parallel (each on its own Vert.x context, so with its own session), settles
 * each, and goes round again until nothing is due. Runs every {@code ehr.write-back.every} and at once when this replica
 * queued a write. A failed write waits {@code first-backoff} doubling up to {@code max-backoff} (or what Retry-After asks, if
 * longer), and is given up after {@code max-attempts} or at once when the EHR refuses the resource: parked, with its record
 * on the dead-letter topic, and the visit's later writes go on.
 */
@ApplicationScoped
class WriteBackWorker {

    static final Duration LONGEST_RUN = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final EhrWriteQueue queue;
    private final AuditEntryRepository entries;
    private final KnownConfigurationRepository configurations;
    private final EhrWriter writer;
    private final WriteBackDeadLetters deadLetters;
    private final WriteBackSettings settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    WriteBackWorker(Vertx vertx, EhrWriteQueue queue, AuditEntryRepository entries,
                    KnownConfigurationRepository configurations, EhrWriter writer, WriteBackDeadLetters deadLetters,
                    WriteBackSettings settings) {
        this.vertx = vertx;
        this.queue = queue;
        this.entries = entries;
        this.configurations = configurations;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    @Scheduled(identity = "ehr-write-back", every = "${ehr.write-back.every:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return run();
    }

    void onQueued(@ObservesAsync WriteQueued queued) {
        run().subscribe().with(ignored -> { }, failure -> { });
    }

    /** One run at a time per replica; a wake-up during a run makes it go round once more. */
    private Uni<Void> run() {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        wanted.set(true);
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        wanted.set(false);
        return rounds(System.nanoTime() + LONGEST_RUN.toNanos())
                .onFailure().invoke(e -> Log.warnf("EHR write-back round failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .eventually(() -> running.set(false))
                .flatMap(ignored -> wanted.get() ? run() : Uni.createFrom().voidItem());
    }

    private Uni<Void> rounds(long deadline) {
        return round().flatMap(taken -> taken > 0 && System.nanoTime() < deadline ? rounds(deadline)
                : Uni.createFrom().voidItem());
    }

    /** Claims one batch and writes it; yields how many writes were taken. */
    private Uni<Integer> round() {
        return OwnContext.call(vertx, () -> Panache.withTransaction(() -> queue.claim(settings.batchSize(), settings.lease())))
                .flatMap(batch -> writeAll(batch).replaceWith(batch.size()));
    }

    private Uni<Void> writeAll(List<EhrWrite> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUni(write -> OwnContext.call(vertx, () -> writeOne(write))
                        .onFailure().invoke(e -> Log.warnf("write-back %d: settling failed, retried when its lease runs out:"
                                + " %s", write.sequence, Failures.classChain(e)))
                        .onFailure().recoverWithNull())
                .merge(settings.concurrency())
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> writeOne(EhrWrite write) {
        return Panache.withSession(() -> entries.findById(write.eventId)
                        .flatMap(entry -> configurations.findById(entry.configurationId)
                                .map(configuration -> new Target(entry, configuration))))
                .flatMap(target -> {
                    if (target.configuration() == null
                            || target.configuration().status != ConfigurationSnapshot.Status.APPROVED) {
                        return Uni.createFrom().failure(new WriteBackException(
                                WriteFailure.refused("configuration not approved")));
                    }
                    return writer.write(target.entry(), target.configuration());
                })
                .onItemOrFailure().transformToUni((resourceId, failure) -> failure == null
                        ? Panache.withTransaction(() -> queue.written(write.sequence, resourceId))
                        : settle(write, failure instanceof WriteBackException e ? e.failure()
                                : WriteFailure.retry(Failures.classChain(failure))));
    }

    private Uni<Void> settle(EhrWrite write, WriteFailure failure) {
        int attempts = write.attempts + 1;
        if (!failure.retryable() || attempts >= settings.maxAttempts()) {
            Log.errorf("write-back %d given up after %d attempt(s) (%s); its record goes to the dead-letter topic",
                    write.sequence, attempts, failure.reason());
            return deadLetters.send(write, failure.reason())
                    .flatMap(sent -> Panache.withTransaction(() -> queue.park(write.sequence, failure.reason())));
        }
        Log.warnf("write-back %d failed (%s), attempt %d; retried", write.sequence, failure.reason(), attempts);
        Duration wait = backoff(attempts);
        if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
            wait = failure.retryAfter().compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : failure.retryAfter();
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plus(wait);
        return Panache.withTransaction(() -> queue.retryAt(write.sequence, at, failure.reason()));
    }

    /** {@code first-backoff} × 2^(attempts − 1), at most {@code max-backoff}. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private record Target(AuditEntry entry, KnownConfiguration configuration) {
    }
}
