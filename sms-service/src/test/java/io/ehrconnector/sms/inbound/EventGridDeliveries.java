package io.ehrconnector.sms.inbound;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Event Grid deliveries (Event Grid event schema) to the webhook, as the subscription sends them. */
final class EventGridDeliveries {

    static final String KEY = WebhookKey.DEV_TEST_KEY;

    private EventGridDeliveries() {
    }

    static ValidatableResponse post(String key, String body) {
        var request = RestAssured.given().contentType("application/json").body(body);
        if (key != null) {
            request = request.header(WebhookKey.HEADER, key);
        }
        return request.post("/acs/events").then();
    }

    static ValidatableResponse post(String body) {
        return post(KEY, body);
    }

    static String event(String id, String type, String data) {
        return """
                {"id":"%s","topic":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/CommunicationServices/acs",\
                "subject":"/phonenumber/18005550100","eventType":"%s","eventTime":"%s","data":%s,\
                "dataVersion":"1.0","metadataVersion":"1"}""".formatted(id, type, OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    static String smsReceived(String eventId, String from, String to, String message) {
        return "[" + event(eventId, EventGridEvent.SMS_RECEIVED, """
                {"messageId":"Incoming_%s","from":"%s","to":"%s","message":"%s","receivedTimestamp":"2026-12-06T10:00:00Z"}"""
                .formatted(eventId, from, to, message)) + "]";
    }

    static String deliveryReport(String eventId, String messageId, String status, String details, String tag) {
        return "[" + event(eventId, EventGridEvent.SMS_DELIVERY_REPORT, """
                {"messageId":"%s","from":"+18005550100","to":"+14255550199","deliveryStatus":"%s",\
                "deliveryStatusDetails":"%s","receivedTimestamp":"2026-12-06T10:00:05Z","tag":%s,"deliveryAttempts":[]}"""
                .formatted(messageId, status, details, tag == null ? "null" : "\"" + tag + "\"")) + "]";
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
