package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.ehr.OAuthValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Decides which received notifications are Graph's and stores those in the inbox, in the webhook's own request: an item of
 * an unknown subscription (unless its client state is that of a subscription being made), or whose client state does not
 * match the subscription's, is dropped (counted in
 * {@code ehr.presence.notifications}, logged with at most its subscription id). What is stored is already reduced to ids,
 * kinds and times. The stored items are processed by {@link NotificationWorker}, after the webhook answered.
 */
@ApplicationScoped
class NotificationIntake {

    static final String METRIC = "ehr.presence.notifications";

    private final MeetingWatches watches;
    private final GraphNotifications inbox;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    NotificationIntake(MeetingWatches watches, GraphNotifications inbox, ObjectMapper json, MeterRegistry metrics) {
        this.watches = watches;
        this.inbox = inbox;
        this.json = json;
        this.metrics = metrics;
    }

    /** Stores what is Graph's; returns how many items are new in the inbox. */
    Uni<Integer> accept(GraphNotification.Kind kind, List<ReceivedNotification> items) {
        int[] stored = {0};
        return Panache.withTransaction(() -> each(items, item -> accept(kind, item).invoke(isNew -> {
            if (isNew) {
                stored[0]++;
            }
        }).replaceWithVoid())).map(ignored -> stored[0]);
    }

    private Uni<Boolean> accept(GraphNotification.Kind kind, ReceivedNotification item) {
        if (item.subscriptionId() == null || item.subscriptionId().isBlank() || item.subscriptionId().length() > 200) {
            return dropped(kind, item, "malformed");
        }
        return watchOf(item).flatMap(watch -> {
            if (watch == null) {
                return dropped(kind, item, "unknown-subscription");
            }
            if (!ClientStates.matches(item.clientState(), watch.clientStateHash)) {
                return dropped(kind, item, "client-state-mismatch");
            }
            Optional<String> payload;
            try {
                payload = payload(kind, item);
            } catch (IllegalArgumentException unreadable) {
                return dropped(kind, item, "malformed");
            }
            if (payload.isEmpty()) {
                count(kind, "ignored");
                return Uni.createFrom().item(false);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return inbox.insertIfAbsent(dedupeKey(kind, item.subscriptionId(), payload.get(), now), watch,
                            item.subscriptionId(), kind, payload.get(), now)
                    .invoke(isNew -> count(kind, isNew ? "accepted" : "duplicate"));
        });
    }

    /**
     * The watch of the item's subscription; else the watch whose subscription is being made with the item's client state,
     * as Graph can notify before it has answered the creation (the subscription's id is not stored yet).
     */
    private Uni<MeetingWatch> watchOf(ReceivedNotification item) {
        return watches.bySubscription(item.subscriptionId()).flatMap(watch -> watch != null ? Uni.createFrom().item(watch)
                : watches.awaitingSubscription(item.clientState()));
    }

    /** What the worker needs of the item; empty for a change presence does not act on. */
    private Optional<String> payload(GraphNotification.Kind kind, ReceivedNotification item) {
        if (kind == GraphNotification.Kind.LIFECYCLE) {
            try {
                return Optional.of(GraphNotification.Lifecycle.valueOf(String.valueOf(item.lifecycleEvent())).name());
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown lifecycle event");
            }
        }
        return RosterChange.read(item.resourceData()).map(change -> {
            try {
                return json.writeValueAsString(change);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a roster change always serialises", e);
            }
        });
    }

    /**
     * A change notification Graph delivers again has the same content, so the same key. Lifecycle notifications carry no
     * time or id of their own, and handling one twice does no harm, so each delivery is kept.
     */
    private static String dedupeKey(GraphNotification.Kind kind, String subscriptionId, String payload, OffsetDateTime now) {
        String distinct = kind == GraphNotification.Kind.LIFECYCLE ? "\u001f" + now + "\u001f" + System.nanoTime() : "";
        return OAuthValues.sha256Hex(kind + "\u001f" + subscriptionId + "\u001f" + payload + distinct);
    }

    /** A request whose body is no notification collection at all. */
    void countUnreadable(GraphNotification.Kind kind) {
        count(kind, "malformed");
    }

    private Uni<Boolean> dropped(GraphNotification.Kind kind, ReceivedNotification item, String reason) {
        count(kind, reason);
        Log.warnf("Graph %s notification for subscription %s dropped: %s", kind.name().toLowerCase(Locale.ROOT),
                item.loggableSubscriptionId(), reason);
        return Uni.createFrom().item(false);
    }

    private void count(GraphNotification.Kind kind, String outcome) {
        metrics.counter(METRIC, "kind", kind.name().toLowerCase(Locale.ROOT), "outcome", outcome).increment();
    }
}
