package io.ehrconnector.launch.presence;

import com.microsoft.graph.models.Subscription;
import io.ehrconnector.launch.meeting.Backoff;
import io.ehrconnector.launch.meeting.GraphFailures;
import io.ehrconnector.launch.meeting.VisitMeetingEntered;
import io.ehrconnector.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Keeps a Graph subscription to the call events of every watched visit meeting: creates it when a visit is first entered
 * (or is found without one), answers Graph's lifecycle requests (reauthorize, recreate after removal, resync after missed
 * notifications), renews it before it expires while the visit is watched, and deletes it when the watch ends
 * ({@code ehr.presence.watch-period} after the last entry). Every replica runs it; a meeting is acted on by one replica at
 * a time, which leases it (a row lease in {@code meeting_watch}, taken with {@code for update skip locked}). Graph failures
 * never reach a launch: they are logged and retried with backoff.
 */
@ApplicationScoped
public class RosterSubscriptions {

    private static final int BATCH = 20;
    /** Longer than any Graph call (ehr.graph.timeout), so a meeting is not acted on twice at once. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));
    /** A watch whose subscription cannot be deleted is forgotten after this many tries; the subscription expires anyway. */
    private static final int MAX_END_ATTEMPTS = 5;

    private enum Action { END, SUBSCRIBE, REAUTHORIZE, RESYNC, RENEW, RESCHEDULE }

    private final MeetingWatches watches;
    private final GraphSubscriptionClient graph;
    private final RosterResync resync;
    private final PresenceSettings settings;
    private final Detached detached;

    RosterSubscriptions(MeetingWatches watches, GraphSubscriptionClient graph, RosterResync resync,
                        PresenceSettings settings, Detached detached) {
        this.watches = watches;
        this.graph = graph;
        this.resync = resync;
        this.settings = settings;
        this.detached = detached;
    }

    /** Watches the visit's roster until the watch period after this entry; its subscription follows at once. */
    Uni<Void> watch(VisitMeetingEntered entered) {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> watches.watch(entered, now.plus(settings.watchPeriod()), now))
                .invoke(this::wake);
    }

    /** Runs the keeper soon on this replica, without waiting for its next tick. */
    void wake() {
        detached.run("presence subscription keeper", this::runOnce);
    }

    @Scheduled(every = "${ehr.presence.keeper-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce()
                .onFailure().invoke(e -> Log.warnf("presence subscription keeper failed, will retry: %s",
                        Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Acts on the watched meetings whose time has come (up to one batch); returns how many. */
    public Uni<Integer> runOnce() {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> watches.claimDue(now, now.plus(LEASE), BATCH))
                .flatMap(claimed -> each(claimed, this::act).replaceWith(claimed.size()));
    }

    private Uni<Void> act(MeetingWatch watch) {
        OffsetDateTime now = now();
        Action action = actionFor(watch, now);
        Uni<Void> done = switch (action) {
            case END -> end(watch, now);
            case SUBSCRIBE -> subscribe(watch, now);
            case REAUTHORIZE -> graph.reauthorize(watch.tenantId, watch.subscriptionId)
                    .flatMap(ignored -> update(watch.key(), w -> w.reauthorizeRequested = false));
            case RESYNC -> resync.resync(watch).flatMap(found -> update(watch.key(),
                    w -> w.resyncDueAt = found ? null : now.plus(settings.resyncRetry())));
            case RENEW -> graph.renew(watch.tenantId, watch.subscriptionId, now.plus(settings.subscriptionLifetime()))
                    .flatMap(expiry -> update(watch.key(), w -> {
                        if (watch.subscriptionId.equals(w.subscriptionId)) {
                            w.expiresAt = expiry;
                        }
                    }));
            case RESCHEDULE -> update(watch.key(), w -> {
            });
        };
        return done.onFailure().recoverWithUni(failure -> failed(watch, action, failure, now));
    }

    private Action actionFor(MeetingWatch watch, OffsetDateTime now) {
        if (!now.isBefore(watch.watchUntil)) {
            return Action.END;
        }
        if (watch.subscriptionId == null) {
            return Action.SUBSCRIBE;
        }
        if (watch.reauthorizeRequested) {
            return Action.REAUTHORIZE;
        }
        if (watch.resyncDueAt != null && !watch.resyncDueAt.isAfter(now)) {
            return Action.RESYNC;
        }
        if (watch.expiresAt.isBefore(watch.watchUntil) && !watch.expiresAt.minus(settings.renewAhead()).isAfter(now)) {
            return Action.RENEW;
        }
        return Action.RESCHEDULE;
    }

    /**
     * Graph may deliver the first notification before it answers the creation, so the client state's hash is stored
     * first: the webhook accepts what matches a watch still waiting for its subscription id ({@link NotificationIntake}).
     */
    private Uni<Void> subscribe(MeetingWatch watch, OffsetDateTime now) {
        String clientState = ClientStates.newClientState();
        String clientStateHash = ClientStates.hash(clientState);
        OffsetDateTime expiry = now.plus(settings.subscriptionLifetime());
        return Panache.withTransaction(() -> watches.lock(watch.key()).invoke(w -> {
                    if (w != null) {
                        w.clientStateHash = clientStateHash;
                    }
                }))
                .flatMap(pending -> pending == null ? Uni.createFrom().voidItem()
                        : graph.create(watch.tenantId, watch.joinWebUrl, clientState, expiry)
                        .flatMap(created -> adopt(watch, clientStateHash, created, expiry)));
    }

    /** Remembers the subscription Graph made; one the watch no longer waits for is deleted again. */
    private Uni<Void> adopt(MeetingWatch watch, String clientStateHash, Subscription created, OffsetDateTime expiry) {
        if (created == null || created.getId() == null) {
            throw new IllegalStateException("Graph answered the subscription without an id");
        }
        return Panache.withTransaction(() -> watches.lock(watch.key()).map(w -> {
                    if (w == null || w.subscriptionId != null || !clientStateHash.equals(w.clientStateHash)) {
                        return false;
                    }
                    w.subscriptionId = created.getId();
                    w.expiresAt = created.getExpirationDateTime() == null ? expiry : created.getExpirationDateTime();
                    settled(w);
                    return true;
                }))
                .flatMap(adopted -> {
                    if (adopted) {
                        Log.infof("presence: the meeting of a visit of configuration %s is watched by subscription %s",
                                watch.configurationId, created.getId());
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("presence: subscription %s is no longer wanted by its watch and is deleted", created.getId());
                    return graph.delete(watch.tenantId, created.getId()).onFailure().recoverWithNull();
                });
    }

    /** The watch is over: the subscription goes (unless it has expired already), then the watch. */
    private Uni<Void> end(MeetingWatch watch, OffsetDateTime now) {
        boolean live = watch.subscriptionId != null && watch.expiresAt.isAfter(now);
        Uni<Void> unsubscribed = !live ? Uni.createFrom().voidItem() : graph.delete(watch.tenantId, watch.subscriptionId)
                .onFailure(failure -> GraphFailures.status(failure) == 404).recoverWithNull();
        return unsubscribed.flatMap(ignored -> Panache.withTransaction(() -> watches.lock(watch.key()).flatMap(w -> {
            if (w == null) {
                return Uni.createFrom().voidItem();
            }
            if (!now.isBefore(w.watchUntil)) {
                return watches.delete(w);
            }
            // Someone entered the visit while the subscription was being deleted: watch on with a new one.
            w.forgetSubscription();
            w.nextAttemptAt = now;
            return Uni.createFrom().voidItem();
        })));
    }

    /** Changes the watch (when it is still there) and schedules its next action. */
    private Uni<Void> update(MeetingWatch.Key key, Consumer<MeetingWatch> change) {
        return Panache.withTransaction(() -> watches.lock(key).invoke(watch -> {
            if (watch != null) {
                change.accept(watch);
                settled(watch);
            }
        })).replaceWithVoid();
    }

    /** The action succeeded: no failures in a row, and the next action scheduled. */
    private void settled(MeetingWatch watch) {
        watch.attempts = 0;
        watch.lastError = null;
        watch.nextAttemptAt = WatchSchedule.next(watch, now(), settings.renewAhead());
    }

    private Uni<Void> failed(MeetingWatch watch, Action action, Throwable failure, OffsetDateTime now) {
        String reason = GraphFailures.reason(failure);
        boolean gone = action != Action.END && action != Action.SUBSCRIBE && GraphFailures.status(failure) == 404;
        Log.warnf("presence: %s for a visit of configuration %s failed (%s)%s", action.name().toLowerCase(),
                watch.configurationId, reason, gone ? "; the subscription is gone and will be made again" : "");
        return Panache.withTransaction(() -> watches.lock(watch.key()).flatMap(w -> {
                    if (w == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (gone && watch.subscriptionId.equals(w.subscriptionId)) {
                        w.forgetSubscription();
                        w.nextAttemptAt = now;
                        return Uni.createFrom().voidItem();
                    }
                    w.attempts++;
                    w.lastError = GraphFailures.storedReason(failure);
                    if (action == Action.END && w.attempts >= MAX_END_ATTEMPTS) {
                        return watches.delete(w);
                    }
                    w.nextAttemptAt = now.plus(BACKOFF.after(w.attempts));
                    return Uni.createFrom().voidItem();
                }))
                .onFailure().invoke(e -> Log.warnf("presence: recording a failure failed: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
