package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Microsoft Graph change notification, as Graph POSTs it (inside {@code {"value":[...]}}) to a subscription's
 * notification URL.
 *
 * @param subscriptionId  the subscription it belongs to
 * @param clientState     the secret the subscriber chose, echoed so it can reject forged notifications
 * @param changeType      {@code created}, {@code updated} or {@code deleted}
 * @param resource        the changed resource's path, e.g. {@code communications/onlineMeetings/{id}}
 * @param resourceData    the {@code resourceData} object ({@code @odata.type}, {@code id}, ...)
 * @param tenantId        the tenant the change happened in, or {@code null}
 * @param expirationDateTime the subscription's expiry (ISO-8601), or {@code null}
 */
public record GraphChangeNotification(String subscriptionId, String clientState, String changeType, String resource,
                                      Map<String, Object> resourceData, String tenantId, String expirationDateTime) {

    public GraphChangeNotification {
        resourceData = resourceData == null ? Map.of() : Map.copyOf(resourceData);
    }

    /** The JSON body Graph sends: a {@code value} array holding this one notification. */
    Map<String, Object> body() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("subscriptionId", subscriptionId);
        item.put("subscriptionExpirationDateTime", expirationDateTime);
        item.put("changeType", changeType);
        item.put("resource", resource);
        item.put("resourceData", resourceData);
        item.put("clientState", clientState);
        item.put("tenantId", tenantId);
        item.values().removeIf(Objects::isNull);
        return Map.of("value", List.of(item));
    }
}
