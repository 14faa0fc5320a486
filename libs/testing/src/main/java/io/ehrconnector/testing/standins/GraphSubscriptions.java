package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graph change-notification subscriptions: create (optionally with Graph's validation handshake against the
 * notification URL), read, renew (PATCH), delete, and sending notifications to subscribers.
 */
final class GraphSubscriptions {

    private static final List<String> REQUIRED = List.of("changeType", "notificationUrl", "resource", "expirationDateTime");

    private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();
    private final OutboundHttp http;
    private volatile boolean validateNotificationUrls;

    GraphSubscriptions(OutboundHttp http) {
        this.http = http;
    }

    void validateNotificationUrls(boolean on) {
        validateNotificationUrls = on;
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
        if (validateNotificationUrls) {
            handshake(body.get("notificationUrl").asText());
        }
        ObjectNode subscription = ((ObjectNode) body).deepCopy();
        subscription.put("id", RandomIds.uuid());
        subscription.put("latestSupportedTlsVersion", "v1_2");
        byId.put(subscription.get("id").asText(), subscription);
        return StandInResponse.json(201, withContext(subscription));
    }

    StandInResponse get(StandInRequest request) {
        return StandInResponse.json(200, withContext(existing(request.pathParam(0))));
    }

    StandInResponse update(StandInRequest request) {
        ObjectNode subscription = existing(request.pathParam(0));
        JsonNode changes = request.json();
        changes.fieldNames().forEachRemaining(field -> {
            if (field.equals("expirationDateTime") || field.equals("notificationUrl") || field.equals("lifecycleNotificationUrl")) {
                subscription.set(field, changes.get(field));
            }
        });
        return StandInResponse.json(200, withContext(subscription));
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
        ObjectNode subscription = find(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
        return push(URI.create(subscription.get("notificationUrl").asText()), new GraphChangeNotification(subscriptionId,
                subscription.path("clientState").asText(null), changeType, subscription.get("resource").asText(),
                resourceData, null, subscription.get("expirationDateTime").asText()));
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
