package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.Subscription;
import io.ehrconnector.launch.meeting.Backoff;
import io.ehrconnector.launch.meeting.GraphFailures;
import io.ehrconnector.launch.meeting.MeetingOrganizers;
import io.ehrconnector.launch.presence.ClientStates;
import io.ehrconnector.launch.presence.Detached;
import io.ehrconnector.launch.presence.GraphSubscriptionClient;
import io.ehrconnector.launch.presence.PresenceSettings;
import io.ehrconnector.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Consumer;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Keeps one Graph subscription to the call records ({@code communications/callRecords}, change type {@code created}) of
 * each hospital tenant that has an organizer: creates it on the first tick after start, renews it before it expires,
 * reauthorizes it when Graph asks, makes it again when Graph removed it (lifecycle {@code subscriptionRemoved}, or a 404),
 * and deletes it when the tenant no longer has an organizer. Every replica runs it; a tenant is acted on by one replica at a
 * time, which leases its row ({@code for update skip locked}). Graph failures are logged and retried with backoff.
 */
@ApplicationScoped
public class CallRecordSubscriptionKeeper {

    /**
     * Teams makes a call record when a call ends and may revise it as late client reports arrive (its {@code version}
     * grows); {@code updated} announces the record and every revision, {@code created} only the first.
     */
    static final String CHANGE_TYPE = "updated";
    static final String RESOURCE = "communications/callRecords";

    private static final int BATCH = 20;
    /** Longer than any Graph call (ehr.graph.timeout), so a tenant is not acted on twice at once. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    private enum Action { END, SUBSCRIBE, REAUTHORIZE, RENEW, RESCHEDULE }

    private final CallRecordSubscriptions subscriptions;
    private final GraphSubscriptionClient graph;
    private final CallRecordUrls urls;
    private final MeetingOrganizers organizers;
    private final CallQualitySettings settings;
    private final PresenceSettings presence;
    private final Detached detached;

    CallRecordSubscriptionKeeper(CallRecordSubscriptions subscriptions, GraphSubscriptionClient graph, CallRecordUrls urls,
                                 MeetingOrganizers organizers, CallQualitySettings settings, PresenceSettings presence,
                                 Detached detached) {
        this.subscriptions = subscriptions;
        this.graph = graph;
        this.urls = urls;
        this.organizers = organizers;
        this.settings = settings;
        this.presence = presence;
        this.detached = detached;
    }

    /** Runs the keeper soon on this replica, without waiting for its next tick. */
    void wake() {
        detached.run("call record subscription keeper", this::runOnce);
    }

    @Scheduled(every = "${ehr.call-quality.keeper-interval:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!settings.active(presence)) {
            return Uni.createFrom().voidItem();
        }
        return runOnce()
                .onFailure().invoke(e -> Log.warnf("call record subscription keeper failed, will retry: %s",
                        Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Acts on the tenants whose time has come (up to one batch); returns how many. */
    public Uni<Integer> runOnce() {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> subscriptions.ensure(organizers.tenants(), now)
                        .chain(() -> subscriptions.claimDue(now, now.plus(LEASE), BATCH)))
                .flatMap(claimed -> each(claimed, this::act).replaceWith(claimed.size()));
    }

    private Uni<Void> act(CallRecordSubscription row) {
        OffsetDateTime now = now();
        Action action = actionFor(row, organizers.tenants(), now);
        Uni<Void> done = switch (action) {
            case END -> end(row);
            case SUBSCRIBE -> subscribe(row, now);
            case REAUTHORIZE -> graph.reauthorize(row.tenantId, urls.subscriptions(), row.subscriptionId)
                    .flatMap(ignored -> update(row.tenantId, r -> r.reauthorizeRequested = false));
            case RENEW -> graph.renew(row.tenantId, urls.subscriptions(), row.subscriptionId,
                            now.plus(settings.subscriptionLifetime()))
                    .flatMap(expiry -> update(row.tenantId, r -> {
                        if (row.subscriptionId.equals(r.subscriptionId)) {
                            r.expiresAt = expiry;
                        }
                    }));
            case RESCHEDULE -> update(row.tenantId, r -> {
            });
        };
        return done.onFailure().recoverWithUni(failure -> failed(row, action, failure, now));
    }

    private Action actionFor(CallRecordSubscription row, Set<String> tenants, OffsetDateTime now) {
        if (!tenants.contains(row.tenantId)) {
            return Action.END;
        }
        if (row.subscriptionId == null) {
            return Action.SUBSCRIBE;
        }
        if (row.reauthorizeRequested) {
            return Action.REAUTHORIZE;
        }
        if (!row.expiresAt.minus(settings.renewAhead()).isAfter(now)) {
            return Action.RENEW;
        }
        return Action.RESCHEDULE;
    }

    /**
     * Graph may deliver the first notification before it answers the creation, so the client state's hash is stored first:
     * the webhook accepts what matches a row still waiting for its subscription id.
     */
    private Uni<Void> subscribe(CallRecordSubscription row, OffsetDateTime now) {
        String clientState = ClientStates.newClientState();
        String clientStateHash = ClientStates.hash(clientState);
        OffsetDateTime expiry = now.plus(settings.subscriptionLifetime());
        Subscription request = new Subscription();
        request.setChangeType(CHANGE_TYPE);
        request.setResource(RESOURCE);
        request.setNotificationUrl(urls.notifications());
        request.setLifecycleNotificationUrl(urls.lifecycle());
        request.setClientState(clientState);
        request.setExpirationDateTime(expiry);
        return Panache.withTransaction(() -> subscriptions.lock(row.tenantId).invoke(r -> {
                    if (r != null) {
                        r.clientStateHash = clientStateHash;
                    }
                }))
                .flatMap(pending -> pending == null ? Uni.createFrom().voidItem()
                        : graph.create(row.tenantId, urls.subscriptions(), request)
                        .flatMap(created -> adopt(row.tenantId, clientStateHash, created, expiry)));
    }

    /** Remembers the subscription Graph made; one the row no longer waits for is deleted again. */
    private Uni<Void> adopt(String tenantId, String clientStateHash, Subscription created, OffsetDateTime expiry) {
        if (created == null || created.getId() == null) {
            throw new IllegalStateException("Graph answered the subscription without an id");
        }
        return Panache.withTransaction(() -> subscriptions.lock(tenantId).map(r -> {
                    if (r == null || r.subscriptionId != null || !clientStateHash.equals(r.clientStateHash)) {
                        return false;
                    }
                    r.subscriptionId = created.getId();
                    r.expiresAt = created.getExpirationDateTime() == null ? expiry : created.getExpirationDateTime();
                    settled(r);
                    return true;
                }))
                .flatMap(adopted -> {
                    if (adopted) {
                        Log.infof("call quality: tenant %s's call records are watched by subscription %s", tenantId,
                                created.getId());
                        return Uni.createFrom().voidItem();
                    }
                    return graph.delete(tenantId, urls.subscriptions(), created.getId()).onFailure().recoverWithNull();
                });
    }

    /** The tenant has no organizer any more: its subscription goes (Graph would expire it anyway), then its row. */
    private Uni<Void> end(CallRecordSubscription row) {
        Uni<Void> unsubscribed = row.subscriptionId == null ? Uni.createFrom().voidItem()
                : graph.delete(row.tenantId, urls.subscriptions(), row.subscriptionId).onFailure().recoverWithNull();
        return unsubscribed.flatMap(ignored -> Panache.withTransaction(() -> subscriptions.lock(row.tenantId)
                .flatMap(r -> r == null ? Uni.createFrom().voidItem() : subscriptions.delete(r))));
    }

    /** Changes the row (when it is still there) and schedules its next action. */
    private Uni<Void> update(String tenantId, Consumer<CallRecordSubscription> change) {
        return Panache.withTransaction(() -> subscriptions.lock(tenantId).invoke(r -> {
            if (r != null) {
                change.accept(r);
                settled(r);
            }
        })).replaceWithVoid();
    }

    /** The action succeeded: no failures in a row; next, the renewal (or sooner when Graph asks for something). */
    private void settled(CallRecordSubscription row) {
        row.attempts = 0;
        row.lastError = null;
        boolean graphWaits = row.expiresAt == null || row.subscriptionId == null || row.reauthorizeRequested;
        row.nextAttemptAt = graphWaits ? now() : row.expiresAt.minus(settings.renewAhead());
    }

    private Uni<Void> failed(CallRecordSubscription row, Action action, Throwable failure, OffsetDateTime now) {
        String reason = GraphFailures.reason(failure);
        boolean gone = (action == Action.RENEW || action == Action.REAUTHORIZE) && GraphFailures.status(failure) == 404;
        Log.warnf("call quality: %s of tenant %s's call record subscription failed (%s)%s",
                action.name().toLowerCase(), row.tenantId, reason, gone ? "; it is gone and will be made again" : "");
        return Panache.withTransaction(() -> subscriptions.lock(row.tenantId).invoke(r -> {
                    if (r == null) {
                        return;
                    }
                    if (gone && row.subscriptionId.equals(r.subscriptionId)) {
                        r.forget(now);
                        return;
                    }
                    r.attempts++;
                    r.lastError = GraphFailures.storedReason(failure);
                    r.nextAttemptAt = now.plus(BACKOFF.after(r.attempts));
                }))
                .onFailure().invoke(e -> Log.warnf("call quality: recording a failure failed: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
