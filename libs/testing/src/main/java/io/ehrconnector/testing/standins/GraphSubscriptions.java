package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Graph change-notification subscriptions: create (optionally with Graph's validation handshake against the
 * notification and lifecycle notification URLs), read, renew (PATCH), reauthorize, delete, and sending change and lifecycle
 * notifications to subscribers. Expiry is checked as Graph checks it: in the future, and for Teams meetings and call records
 * at most {@value #MAX_COMMUNICATIONS_MINUTES} minutes ahead.
 */
final class GraphSubscriptions {

    private static final List<String> REQUIRED = List.of("changeType", "notificationUrl", "resource", "expirationDateTime");
    /** Graph's longest subscription to online meetings and call records: 4230 minutes, under three days. */
    static final long MAX_COMMUNICATIONS_MINUTES = 4230;

    private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();
    private final OutboundHttp http;
    private volatile boolean validateNotificationUrls;
    private volatile Consumer<String> beforeAnswering;

    GraphSubscriptions(OutboundHttp http) {
        this.http = http;
    }

    void validateNotificationUrls(boolean on) {
        validateNotificationUrls = on;
    }

    /**
     * Runs {@code action} (null: nothing) with the id of each subscription created, after it exists and before its creation
     * is answered: Graph may notify a subscriber before the subscriber has the subscription's id.
     */
    void beforeAnsweringCreate(Consumer<String> action) {
        beforeAnswering = action;
    }

    List<ObjectNode> all() {
        return byId.values().stream().map(ObjectNode::deepCopy).toList();
    }

    Optional<ObjectNode> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(ObjectNode::deepCopy);
    }

    StandInResponse create(StandInRequest request) {
        JsonNode body = request.json();
        for (String field : REQUIRED) {
            if (body.path(field).asText("").isBlank()) {
                throw GraphErrors.early(400, "InvalidRequest", "Subscription property '" + field + "' is required.");
            }
        }
        checkExpiration(body.get("resource").asText(), body.get("expirationDateTime").asText());
        if (validateNotificationUrls) {
            handshake(body.get("notificationUrl").asText());
            if (!body.path("lifecycleNotificationUrl").asText("").isBlank()) {
                handshake(body.get("lifecycleNotificationUrl").asText());
            }
        }
        ObjectNode subscription = ((ObjectNode) body).deepCopy();
        subscription.put("id", RandomIds.uuid());
        subscription.put("latestSupportedTlsVersion", "v1_2");
        byId.put(subscription.get("id").asText(), subscription);
        Consumer<String> beforeAnswer = beforeAnswering;
        if (beforeAnswer != null) {
            beforeAnswer.accept(subscription.get("id").asText());
        }
        return StandInResponse.json(201, withContext(subscription));
    }

    StandInResponse get(StandInRequest request) {
        return StandInResponse.json(200, withContext(existing(request.pathParam(0))));
    }

    StandInResponse update(StandInRequest request) {
        ObjectNode subscription = existing(request.pathParam(0));
        JsonNode changes = request.json();
        if (changes.hasNonNull("expirationDateTime")) {
            checkExpiration(subscription.get("resource").asText(), changes.get("expirationDateTime").asText());
        }
        changes.fieldNames().forEachRemaining(field -> {
            if (field.equals("expirationDateTime") || field.equals("notificationUrl") || field.equals("lifecycleNotificationUrl")) {
                subscription.set(field, changes.get(field));
            }
        });
        return StandInResponse.json(200, withContext(subscription));
    }

    /** {@code POST subscriptions/{id}/reauthorize}: the subscription goes on; Graph answers 204. */
    StandInResponse reauthorize(StandInRequest request) {
        existing(request.pathParam(0));
        return StandInResponse.empty(204);
    }

    StandInResponse delete(StandInRequest request) {
        existing(request.pathParam(0));
        byId.remove(request.pathParam(0));
        return StandInResponse.empty(204);
    }

    /** Sends one notification to {@code webhook}; returns the HTTP status the subscriber answered. */
    int push(URI webhook, GraphChangeNotification notification) {
        return http.postJson(webhook, notification.body(), Map.of()).statusCode();
    }

    /** Notifies the subscriber of a stored subscription about a change of its resource. */
    int notify(String subscriptionId, String changeType, Map<String, Object> resourceData) {
        return notify(subscriptionId, changeType, null, null, resourceData);
    }

    /**
     * Notifies about a change in {@code tenantId} (null: none named) of {@code resource} (null: the subscription's
     * resource).
     */
    int notify(String subscriptionId, String changeType, String tenantId, String resource, Map<String, Object> resourceData) {
        ObjectNode subscription = find(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
        return push(URI.create(subscription.get("notificationUrl").asText()), new GraphChangeNotification(subscriptionId,
                subscription.path("clientState").asText(null), changeType,
                resource != null ? resource : subscription.get("resource").asText(), resourceData, tenantId,
                subscription.get("expirationDateTime").asText()));
    }

    /**
     * Sends a lifecycle notification to a stored subscription's lifecycle notification URL; returns the HTTP status the
     * subscriber answered. For {@code subscriptionRemoved} the subscription is removed first, as Graph removes it.
     */
    int notifyLifecycle(String subscriptionId, String lifecycleEvent) {
        ObjectNode subscription = find(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
        String url = subscription.path("lifecycleNotificationUrl").asText("");
        if (url.isBlank()) {
            throw new IllegalArgumentException("subscription " + subscriptionId + " has no lifecycleNotificationUrl");
        }
        if (GraphLifecycleNotification.SUBSCRIPTION_REMOVED.equals(lifecycleEvent)) {
            byId.remove(subscriptionId);
        }
        GraphLifecycleNotification notification = new GraphLifecycleNotification(subscriptionId,
                subscription.path("clientState").asText(null), lifecycleEvent,
                subscription.get("expirationDateTime").asText(), null);
        return http.postJson(URI.create(url), notification.body(), Map.of()).statusCode();
    }

    private static void checkExpiration(String resource, String expirationDateTime) {
        Instant expiry;
        try {
            expiry = OffsetDateTime.parse(expirationDateTime).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphErrors.early(400, "InvalidRequest", "Subscription expiration is not a valid date and time.");
        }
        Instant now = Instant.now();
        if (!expiry.isAfter(now)) {
            throw GraphErrors.early(400, "InvalidRequest", "Subscription expiration must be in the future.");
        }
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        boolean communications = path.startsWith("communications/onlineMeetings") || path.startsWith("communications/callRecords");
        // Graph allows a little clock skew; a minute is plenty for a subscriber that computes "now + maximum".
        if (communications && expiry.isAfter(now.plus(Duration.ofMinutes(MAX_COMMUNICATIONS_MINUTES + 1)))) {
            throw GraphErrors.early(400, "InvalidRequest", "Subscription expiration can only be "
                    + MAX_COMMUNICATIONS_MINUTES + " minutes in the future.");
        }
    }

    /** Graph POSTs {@code ?validationToken=...} and requires the token back as text/plain with 200 within 10 s. */
    private void handshake(String notificationUrl) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: " + RandomIds.uuid();
        URI target = URI.create(notificationUrl + (notificationUrl.contains("?") ? "&" : "?")
                + "validationToken=" + FormCodec.encode(token));
        try {
            HttpResponse<String> response = http.postEmpty(target);
            if (response.statusCode() == 200 && token.equals(response.body())) {
                return;
            }
        } catch (RuntimeException unreachable) {
            // reported below like Graph does
        }
        throw GraphErrors.early(400, "InvalidRequest",
                "Subscription validation request failed. Response must exactly match validationToken query parameter.");
    }

    private ObjectNode existing(String id) {
        ObjectNode subscription = byId.get(id);
        if (subscription == null) {
            throw GraphErrors.early(404, "ResourceNotFound", "The object was not found.");
        }
        return subscription;
    }

    private static ObjectNode withContext(ObjectNode subscription) {
        ObjectNode body = Json.object();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity");
        body.setAll(subscription.deepCopy());
        return body;
    }
}
