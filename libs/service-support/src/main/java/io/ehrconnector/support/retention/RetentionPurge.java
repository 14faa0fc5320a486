package io.ehrconnector.support.retention;

import io.ehrconnector.support.inbox.ProcessedEventRepository;
import io.ehrconnector.support.outbox.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the shared tables from growing without bound and from keeping event payloads (which may carry encrypted phone
 * numbers) longer than they are needed: published outbox rows go after {@code ehr.retention.published-outbox}, ledger rows
 * after {@code ehr.retention.processed-events}. The ledger must outlive any redelivery it guards against, so its retention is
 * longer than the topics' (a compacted topic's replays are absorbed by the version checks of its consumers). Parked outbox
 * rows are kept for an operator.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final int BATCH = 5_000;

    private final OutboxRepository outbox;
    private final ProcessedEventRepository processedEvents;
    private final Duration publishedOutboxRetention;
    private final Duration processedEventRetention;

    RetentionPurge(OutboxRepository outbox, ProcessedEventRepository processedEvents,
                   @ConfigProperty(name = "ehr.retention.published-outbox", defaultValue = "PT24H") Duration publishedOutboxRetention,
                   @ConfigProperty(name = "ehr.retention.processed-events", defaultValue = "P30D") Duration processedEventRetention) {
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.publishedOutboxRetention = publishedOutboxRetention;
        this.processedEventRetention = processedEventRetention;
    }

    @Scheduled(every = "${ehr.retention.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return PurgeRuns.logged("retention purge", purgeOnce());
    }

    /** Deletes one batch of each kind of expired row; returns how many rows went. */
    public Uni<Integer> purgeOnce() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> outbox.deletePublishedBefore(now.minus(publishedOutboxRetention), BATCH)
                .flatMap(outboxRows -> processedEvents.deleteProcessedBefore(now.minus(processedEventRetention), BATCH)
                        .map(ledgerRows -> outboxRows + ledgerRows)));
    }
}
