package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.presence.ClientStates;
import io.ehrconnector.launch.presence.ReceivedNotification;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Decides which call record notifications are Graph's, in the webhook's own request: an item of an unknown subscription
 * (unless its client state is that of a subscription being made), whose client state does not match the tenant
 * subscription's, or that names another tenant is dropped (counted in {@value #METRIC}, logged with at most the
 * subscription id). A change notification's call record is stored to be fetched ({@link CallRecordWorker}); a lifecycle
 * notification becomes the keeper's work ({@link CallRecordSubscriptionKeeper}).
 */
@ApplicationScoped
class CallRecordIntake {

    static final String METRIC = "ehr.call-quality.notifications";
    /** Graph's call record ids are GUIDs. */
    private static final Pattern CALL_RECORD_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

    enum Kind { CHANGE, LIFECYCLE }

    /** What the webhook does after answering. */
    record Accepted(int callRecords, boolean keeperWork) {
    }

    private final CallRecordSubscriptions subscriptions;
    private final CallRecordFetches fetches;
    private final MeterRegistry metrics;

    CallRecordIntake(CallRecordSubscriptions subscriptions, CallRecordFetches fetches, MeterRegistry metrics) {
        this.subscriptions = subscriptions;
        this.fetches = fetches;
        this.metrics = metrics;
    }

    /** Stores what is Graph's; returns how many call records are new and whether the keeper has work. */
    Uni<Accepted> accept(Kind kind, List<ReceivedNotification> items) {
        int[] callRecords = {0};
        boolean[] keeperWork = {false};
        return Panache.withTransaction(() -> each(items, item -> accept(kind, item).invoke(outcome -> {
            if (outcome == Outcome.NEW_CALL_RECORD) {
                callRecords[0]++;
            } else if (outcome == Outcome.KEEPER_WORK) {
                keeperWork[0] = true;
            }
        }).replaceWithVoid())).map(ignored -> new Accepted(callRecords[0], keeperWork[0]));
    }

    private enum Outcome { DROPPED, NEW_CALL_RECORD, DUPLICATE, KEEPER_WORK, IGNORED }

    private Uni<Outcome> accept(Kind kind, ReceivedNotification item) {
        if (item.subscriptionId() == null || item.subscriptionId().isBlank() || item.subscriptionId().length() > 200) {
            return dropped(kind, item, "malformed");
        }
        return subscriptions.of(item.subscriptionId(), item.clientState()).flatMap(subscription -> {
            if (subscription == null) {
                return dropped(kind, item, "unknown-subscription");
            }
            if (!ClientStates.matches(item.clientState(), subscription.clientStateHash)) {
                return dropped(kind, item, "client-state-mismatch");
            }
            boolean tenantRequired = kind == Kind.CHANGE;
            if ((tenantRequired || item.tenantId() != null) && !subscription.tenantId.equalsIgnoreCase(item.tenantId())) {
                return dropped(kind, item, "tenant-mismatch");
            }
            return kind == Kind.CHANGE ? callRecord(item, subscription) : lifecycle(item, subscription);
        });
    }

    private Uni<Outcome> callRecord(ReceivedNotification item, CallRecordSubscription subscription) {
        String callRecordId = item.resourceData().path("id").asText("");
        if (!CALL_RECORD_ID.matcher(callRecordId).matches()) {
            return dropped(Kind.CHANGE, item, "malformed");
        }
        return fetches.insertIfAbsent(subscription.tenantId, callRecordId, now()).map(isNew -> {
            count(Kind.CHANGE, isNew ? "accepted" : "duplicate");
            return isNew ? Outcome.NEW_CALL_RECORD : Outcome.DUPLICATE;
        });
    }

    /** Graph's asks become the keeper's work; {@code missed} cannot be made up (Graph keeps no list to page through). */
    private Uni<Outcome> lifecycle(ReceivedNotification item, CallRecordSubscription subscription) {
        if (!item.subscriptionId().equals(subscription.subscriptionId)) {
            count(Kind.LIFECYCLE, "ignored");
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        return switch (String.valueOf(item.lifecycleEvent())) {
            case "reauthorizationRequired" -> keeperWork(subscriptions.reauthorizeRequested(item.subscriptionId(), now()));
            case "subscriptionRemoved" -> keeperWork(subscriptions.removed(item.subscriptionId(), now()));
            case "missed" -> {
                count(Kind.LIFECYCLE, "missed");
                Log.warnf("Graph missed call record notifications of subscription %s; those calls are not reported",
                        item.loggableSubscriptionId());
                yield Uni.createFrom().item(Outcome.IGNORED);
            }
            default -> dropped(Kind.LIFECYCLE, item, "malformed");
        };
    }

    /** Work for the keeper, unless the subscription stopped being the tenant's in the meantime. */
    private Uni<Outcome> keeperWork(Uni<Boolean> applied) {
        return applied.map(stillTheTenants -> {
            count(Kind.LIFECYCLE, stillTheTenants ? "accepted" : "ignored");
            return stillTheTenants ? Outcome.KEEPER_WORK : Outcome.IGNORED;
        });
    }

    /** A request whose body is no notification collection at all. */
    void countUnreadable(Kind kind) {
        count(kind, "malformed");
    }

    private Uni<Outcome> dropped(Kind kind, ReceivedNotification item, String reason) {
        count(kind, reason);
        Log.warnf("Graph call record %s notification for subscription %s dropped: %s",
                kind.name().toLowerCase(Locale.ROOT), item.loggableSubscriptionId(), reason);
        return Uni.createFrom().item(Outcome.DROPPED);
    }

    private void count(Kind kind, String outcome) {
        metrics.counter(METRIC, "kind", kind.name().toLowerCase(Locale.ROOT), "outcome", outcome).increment();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
