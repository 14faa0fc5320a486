package io.ehrconnector.sms.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One event of an Event Grid schema delivery (a JSON array of these). Only what the webhook uses is kept: the subject and
 * topic name the resource and phone numbers, so they are dropped.
 *
 * @param id        Event Grid's event id, unique per event; a redelivery has the same
 * @param eventType e.g. {@code Microsoft.Communication.SMSReceived}
 * @param eventTime when the event happened, null when absent or unreadable
 * @param data      the event's data
 */
record EventGridEvent(String id, String eventType, OffsetDateTime eventTime, JsonNode data) {

    static final String SUBSCRIPTION_VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";
    static final String SMS_RECEIVED = "Microsoft.Communication.SMSReceived";
    static final String SMS_DELIVERY_REPORT = "Microsoft.Communication.SMSDeliveryReportReceived";

    /**
     * @throws IllegalArgumentException when the body is not a JSON array of objects each with an id and an event type (the
     *                                  message quotes nothing of the body)
     */
    static List<EventGridEvent> readAll(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not a JSON array of Event Grid events");
        }
        List<EventGridEvent> events = new ArrayList<>();
        for (JsonNode event : root) {
            String id = text(event, "id");
            String type = text(event, "eventType");
            if (!event.isObject() || id == null || type == null) {
                throw new IllegalArgumentException("an event without id or eventType");
            }
            events.add(new EventGridEvent(id, type, time(text(event, "eventTime")), event.path("data")));
        }
        return events;
    }

    /** A text field of {@code data}, whatever the case of its name ({@code messageId} or {@code MessageId}). */
    String dataText(String name) {
        return text(data, name);
    }

    /** A time field of {@code data}, null when absent or unreadable. */
    OffsetDateTime dataTime(String name) {
        return time(dataText(name));
    }

    private static String text(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static OffsetDateTime time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
