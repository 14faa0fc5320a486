package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.launch.meeting.Backoff;
import io.ehrconnector.launch.meeting.GraphFailures;
import io.ehrconnector.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Processes the webhook's inbox after the webhook answered: a change updates the visit's roster and announces each join and
 * exit ({@link RosterUpdates}); a lifecycle notification tells the keeper what Graph asked for (reauthorize, make the
 * subscription again, resync the roster). Woken by the webhook, and on a timer for what a crash or a failure left. Each
 * notification is processed in one transaction with the visit's watch locked, so one visit's events are announced one
 * notification at a time; a failed one is retried with backoff, and given up (logged as an error) after
 * {@value #MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
public class NotificationWorker {

    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    private final GraphNotifications inbox;
    private final MeetingWatches watches;
    private final RosterUpdates updates;
    private final RosterSubscriptions keeper;
    private final ObjectMapper json;
    private final Detached detached;

    NotificationWorker(GraphNotifications inbox, MeetingWatches watches, RosterUpdates updates, RosterSubscriptions keeper,
                       ObjectMapper json, Detached detached) {
        this.inbox = inbox;
        this.watches = watches;
        this.updates = updates;
        this.keeper = keeper;
        this.json = json;
        this.detached = detached;
    }

    /** Processes what is waiting soon on this replica, without waiting for the next tick. */
    void wake() {
        detached.run("presence notification worker", this::processDue);
    }

    @Scheduled(every = "${ehr.presence.worker-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return processDue()
                .onFailure().invoke(e -> Log.warnf("presence notification worker failed, will retry: %s",
                        Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Processes up to one batch of waiting notifications, oldest first; returns how many it took. */
    public Uni<Integer> processDue() {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> inbox.claimDue(now, now.plus(LEASE), BATCH))
                .flatMap((List<Long> ids) -> each(ids, this::process).replaceWith(ids.size()));
    }

    private Uni<Void> process(long id) {
        boolean[] lifecycle = {false};
        return Panache.withTransaction(() -> inbox.lockUnprocessed(id).flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().voidItem();
                    }
                    lifecycle[0] = row.kind == GraphNotification.Kind.LIFECYCLE;
                    return watches.lock(new MeetingWatch.Key(row.configurationId, row.meetingKey))
                            .flatMap(watch -> watch == null ? Uni.createFrom().voidItem() : dispatch(row, watch))
                            .invoke(() -> row.processedAt = now());
                }))
                .invoke(() -> {
                    if (lifecycle[0]) {
                        keeper.wake();
                    }
                })
                .onFailure().recoverWithUni(failure -> failed(id, failure));
    }

    private Uni<Void> dispatch(GraphNotification row, MeetingWatch watch) {
        if (row.kind == GraphNotification.Kind.CHANGE) {
            return updates.apply(watch, change(row.payload));
        }
        if (row.subscriptionId.equals(watch.subscriptionId)) {
            requestFromKeeper(watch, GraphNotification.Lifecycle.valueOf(row.payload));
        }
        return Uni.createFrom().voidItem();
    }

    /** What Graph asked for becomes the keeper's work; the keeper makes the Graph calls. */
    private static void requestFromKeeper(MeetingWatch watch, GraphNotification.Lifecycle event) {
        OffsetDateTime now = now();
        switch (event) {
            case reauthorizationRequired -> watch.reauthorizeRequested = true;
            case subscriptionRemoved -> watch.forgetSubscription();
            case missed -> watch.resyncDueAt = now;
        }
        watch.nextAttemptAt = now;
    }

    private RosterChange change(String payload) {
        try {
            return json.readValue(payload, RosterChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored roster change does not read back");
        }
    }

    private Uni<Void> failed(long id, Throwable failure) {
        return Panache.withTransaction(() -> inbox.findById(id).invoke(row -> {
                    if (row == null || row.processedAt != null) {
                        return;
                    }
                    row.attempts++;
                    row.lastError = GraphFailures.storedReason(failure);
                    if (row.attempts >= MAX_ATTEMPTS) {
                        row.processedAt = now();
                        Log.errorf("presence: gave up on Graph notification %d after %d attempts (%s)", id, row.attempts,
                                row.lastError);
                    } else {
                        row.nextAttemptAt = now().plus(BACKOFF.after(row.attempts));
                        Log.warnf("presence: Graph notification %d not processed, attempt %d of %d (%s)", id, row.attempts,
                                MAX_ATTEMPTS, row.lastError);
                    }
                }))
                .onFailure().invoke(e -> Log.warnf("presence: recording a failure failed: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }


    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
