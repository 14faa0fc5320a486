package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a notification collection Graph POSTed ({@code {"value": [...]}}), as received: nothing in it is trusted until
 * its subscription is known and its client state matches.
 *
 * @param subscriptionId the subscription it claims to be of
 * @param clientState    the secret it claims to know
 * @param tenantId       the tenant it claims the change happened in, or null
 * @param lifecycleEvent a lifecycle notification's event, else null
 * @param resourceData   a change notification's resource data, else a missing node
 */
public record ReceivedNotification(String subscriptionId, String clientState, String tenantId, String lifecycleEvent,
                                   JsonNode resourceData) {

    /** More items than Graph batches into one request means the request is not Graph's. */
    static final int MAX_ITEMS = 1000;

    /** @throws IllegalArgumentException when the body is not a notification collection; the message quotes nothing */
    public static List<ReceivedNotification> readAll(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        JsonNode value = root == null ? null : root.path("value");
        if (value == null || !value.isArray() || value.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("no notification collection");
        }
        List<ReceivedNotification> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            items.add(new ReceivedNotification(text(item, "subscriptionId"), text(item, "clientState"),
                    text(item, "tenantId"), text(item, "lifecycleEvent"), item.path("resourceData")));
        }
        return items;
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    /** The subscription id as it may be logged: Graph's are GUIDs; anything else is not repeated. */
    public String loggableSubscriptionId() {
        return subscriptionId != null && subscriptionId.matches("[A-Za-z0-9-]{1,64}") ? subscriptionId : "(unreadable)";
    }
}
