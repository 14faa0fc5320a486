package io.ehrconnector.launch.meeting;

import io.ehrconnector.support.retention.PurgeRuns;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Forgets visits' meetings after {@code ehr.retention.visit-meetings} (30 days by default): long past any visit, and a
 * launch after that still gets the same meeting, from Graph's createOrGet.
 */
@ApplicationScoped
public class VisitMeetingPurge {

    private static final int BATCH = 5_000;

    private final StoredVisitMeetings stored;
    private final Duration retention;

    VisitMeetingPurge(StoredVisitMeetings stored,
                      @ConfigProperty(name = "ehr.retention.visit-meetings", defaultValue = "P30D") Duration retention) {
        this.stored = stored;
        this.retention = retention;
    }

    @Scheduled(every = "${ehr.retention.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return PurgeRuns.logged("visit meeting purge", purgeOnce(Instant.now()));
    }

    /** Deletes one batch of meetings remembered longer than the retention at {@code now}; returns how many went. */
    public Uni<Integer> purgeOnce(Instant now) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC);
        return Panache.withTransaction(() -> stored.forgetCreatedBefore(cutoff, BATCH));
    }
}
