package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Microsoft Graph lifecycle notification, as Graph POSTs it (inside {@code {"value":[...]}}) to a subscription's
 * lifecycle notification URL.
 *
 * @param subscriptionId     the subscription it is about
 * @param clientState        the secret the subscriber chose
 * @param lifecycleEvent     {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}
 * @param expirationDateTime the subscription's expiry (ISO-8601), or {@code null}
 * @param tenantId           the tenant, or {@code null}
 */
public record GraphLifecycleNotification(String subscriptionId, String clientState, String lifecycleEvent,
                                         String expirationDateTime, String tenantId) {

    public static final String REAUTHORIZATION_REQUIRED = "reauthorizationRequired";
    public static final String SUBSCRIPTION_REMOVED = "subscriptionRemoved";
    public static final String MISSED = "missed";

    Map<String, Object> body() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("subscriptionId", subscriptionId);
        item.put("subscriptionExpirationDateTime", expirationDateTime);
        item.put("tenantId", tenantId);
        item.put("clientState", clientState);
        item.put("lifecycleEvent", lifecycleEvent);
        item.values().removeIf(Objects::isNull);
        return Map.of("value", List.of(item));
    }
}
