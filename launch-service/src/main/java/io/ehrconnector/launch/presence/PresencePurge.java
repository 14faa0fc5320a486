package io.ehrconnector.launch.presence;

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
 * Forgets what presence no longer needs: processed notifications after {@code ehr.retention.graph-notifications} (a day by
 * default: long past any redelivery by Graph), roster rows not changed for {@code ehr.retention.visit-participants} (two
 * days: past the watch of the visit; the events on the visit-participants topic are the record).
 */
@ApplicationScoped
public class PresencePurge {

    private static final int BATCH = 5_000;

    private final GraphNotifications inbox;
    private final VisitParticipants participants;
    private final Duration notificationRetention;
    private final Duration participantRetention;

    PresencePurge(GraphNotifications inbox, VisitParticipants participants,
                  @ConfigProperty(name = "ehr.retention.graph-notifications", defaultValue = "PT24H") Duration notificationRetention,
                  @ConfigProperty(name = "ehr.retention.visit-participants", defaultValue = "P2D") Duration participantRetention) {
        this.inbox = inbox;
        this.participants = participants;
        this.notificationRetention = notificationRetention;
        this.participantRetention = participantRetention;
    }

    @Scheduled(every = "${ehr.retention.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return PurgeRuns.logged("presence purge", purgeOnce(Instant.now()));
    }

    /** Deletes one batch of each kind of row past its retention at {@code now}; returns how many went. */
    public Uni<Integer> purgeOnce(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> inbox.deleteProcessedBefore(at.minus(notificationRetention), BATCH)
                .flatMap(notifications -> participants.deleteUpdatedBefore(at.minus(participantRetention), BATCH)
                        .map(rows -> notifications + rows)));
    }
}
