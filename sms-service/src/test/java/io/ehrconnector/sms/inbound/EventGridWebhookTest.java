package io.ehrconnector.sms.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.events.Topics;
import io.ehrconnector.sms.optout.OptOutLedger;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.SentSms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.ehrconnector.sms.inbound.EventGridDeliveries.deliveryReport;
import static io.ehrconnector.sms.inbound.EventGridDeliveries.event;
import static io.ehrconnector.sms.inbound.EventGridDeliveries.newId;
import static io.ehrconnector.sms.inbound.EventGridDeliveries.post;
import static io.ehrconnector.sms.inbound.EventGridDeliveries.smsReceived;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Event Grid webhook against real PostgreSQL, Kafka and the ACS stand-in. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(AcsResource.class)
class EventGridWebhookTest {

    private static final String OUR_NUMBER = "+18005550100";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OptOutLedger ledger;

    @InjectStandIn
    AcsStandIn acs;

    @Test
    void answersTheSubscriptionValidationHandshakeOnlyWithTheKey() {
        String validation = "[" + event(newId(), EventGridEvent.SUBSCRIPTION_VALIDATION,
                "{\"validationCode\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\",\"validationUrl\":\"https://x.example/v\"}") + "]";

        post(validation).statusCode(200).body("validationResponse", equalTo("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"));
        post(null, validation).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://ehr-connector.io/problems/unauthorized"));
    }

    @Test
    void withoutTheRightKeyNothingIsProcessed() {
        String patient = uniqueNumber();
        String eventId = newId();
        String stop = smsReceived(eventId, patient, OUR_NUMBER, "STOP");

        post(null, stop).statusCode(401).contentType("application/problem+json");
        post("INSECURE-dev-test-sms-webhook-key-0123457", stop).statusCode(401).contentType("application/problem+json");

        assertFalse(optedOut(patient));
        assertEquals(0L, ServiceDatabase.value("select count(*) from processed_event where event_id = ?", eventId));
    }

    @Test
    void stopOptsOutAndStartOptsBackInWhateverTheCaseAndSpacing() {
        String patient = uniqueNumber();

        post(smsReceived(newId(), patient, OUR_NUMBER, "  stop ")).statusCode(200);
        assertTrue(optedOut(patient));
        assertFalse(optedOutOf("+18005550111", patient), "an opt-out is per sending number");

        post(smsReceived(newId(), patient, OUR_NUMBER, "Start")).statusCode(200);
        assertFalse(optedOut(patient));

        for (String word : List.of("STOPALL", "unsubscribe", "Cancel", "end", "QUIT", "Parar", "alto", "Stop.")) {
            post(smsReceived(newId(), patient, OUR_NUMBER, word)).statusCode(200);
            assertTrue(optedOut(patient), word);
            post(smsReceived(newId(), patient, OUR_NUMBER, "unstop")).statusCode(200);
            assertFalse(optedOut(patient), word);
        }

        post(smsReceived(newId(), patient, OUR_NUMBER, "stop sending me these")).statusCode(200);
        assertFalse(optedOut(patient), "only a whole-message keyword counts");
        assertEquals(0L, ServiceDatabase.value("select count(*) from sms_opt_out where recipient_hmac like ?",
                "%" + patient.substring(1) + "%"), "the number is stored only as an HMAC");
        assertTrue(acs.sentMessages().stream().noneMatch(sent -> sent.to().equals(patient)), "no answer to other texts");
    }

    @Test
    void helpIsAnsweredWithTheHelpTextExactlyOnceWhenTheEventIsDeliveredTwice() {
        String patient = uniqueNumber();
        String help = smsReceived(newId(), patient, OUR_NUMBER, "help");

        post(help).statusCode(200);
        post(help).statusCode(200);
        post(smsReceived(newId(), patient, OUR_NUMBER, "AYUDA")).statusCode(200);

        List<SentSms> replies = acs.sentMessages().stream().filter(sent -> sent.to().equals(patient)).toList();
        assertEquals(2, replies.size(), "one English and one Spanish help text");
        assertEquals(OUR_NUMBER, replies.get(0).from());
        assertTrue(replies.get(0).message().startsWith("These texts are about your video visits"), replies.get(0).message());
        assertTrue(replies.get(0).message().contains("Reply STOP"));
        assertTrue(replies.get(1).message().contains("PARAR"), replies.get(1).message());
        assertFalse(replies.get(0).repeat());
    }

    @Test
    void aHelpReplyAcsCouldNotTakeMakesEventGridDeliverAgainAndIsSentOnce() {
        String patient = uniqueNumber();
        String help = smsReceived(newId(), patient, OUR_NUMBER, "HELP");
        acs.failNextSends(1, 503);

        post(help).statusCode(503).contentType("application/problem+json");
        post(help).statusCode(200);

        List<SentSms> replies = acs.sentMessages().stream().filter(sent -> sent.to().equals(patient)).toList();
        assertEquals(1, replies.size());
    }

    @Test
    void answersTheCloudEventsAbuseProtectionHandshake() {
        RestAssured.given().header("WebHook-Request-Origin", "eventgrid.azure.net").options("/acs/events").then()
                .statusCode(200).header("WebHook-Allowed-Origin", "eventgrid.azure.net");
        RestAssured.given().header("WebHook-Request-Origin", "elsewhere.example").options("/acs/events").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aDeliveryReportBecomesAnSmsDeliveryEventOnce() throws Exception {
        String configurationId = UUID.randomUUID().toString();
        String appointmentId = "CSN-" + UUID.randomUUID();
        String messageId = "Outgoing_20261206100000_" + UUID.randomUUID().toString().replace("-", "");
        insertSentReminder(configurationId, appointmentId, messageId, UUID.randomUUID());
        String report = deliveryReport(newId(), messageId, "Delivered", "No error.", null);

        post(report).statusCode(200);
        post(report).statusCode(200);

        JsonNode event = awaitDelivery(configurationId, appointmentId);
        assertEquals("io.ehrconnector.sms.delivery-reported.v1", event.path("type").asText());
        assertEquals("/ehr-connector/sms-service", event.path("source").asText());
        JsonNode data = event.path("data");
        assertEquals("DELIVERED", data.path("outcome").asText());
        assertEquals("REMINDER", data.path("messageType").asText());
        assertEquals("PT24H", data.path("reminderOffset").asText());
        assertEquals(messageId, data.path("providerMessageId").asText());
        assertTrue(data.path("reason").isMissingNode() || data.path("reason").isNull());
        assertEquals(1L, ServiceDatabase.value("select count(*) from outbox_event where record_key = ?",
                Topics.visitKey(configurationId, appointmentId)));
    }

    @Test
    void aFailedReportFoundByItsTagNamesTheReason() throws Exception {
        String configurationId = UUID.randomUUID().toString();
        String appointmentId = "CSN-" + UUID.randomUUID();
        UUID repeatabilityId = UUID.randomUUID();
        insertSentReminder(configurationId, appointmentId, null, repeatabilityId);

        post(deliveryReport(newId(), "Outgoing_not_stored_yet", "Failed", "Invalid destination number.",
                repeatabilityId.toString())).statusCode(200);

        JsonNode data = awaitDelivery(configurationId, appointmentId).path("data");
        assertEquals("FAILED", data.path("outcome").asText());
        assertEquals("INVALID_NUMBER", data.path("reason").asText());
    }

    @Test
    void aReportForAnUnknownMessageIsIgnored() {
        String eventId = newId();
        post(deliveryReport(eventId, "Outgoing_unknown", "Delivered", "No error.", null)).statusCode(200);
        assertEquals(1L, ServiceDatabase.value("select count(*) from processed_event where event_id = ?", eventId));
    }

    @Test
    void malformedAndOversizedDeliveriesAreRefusedWithProblemDetails() {
        post("{not json").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://ehr-connector.io/problems/malformed-body"));
        post("{\"id\":\"1\"}").statusCode(400).contentType("application/problem+json");
        post("[{\"eventType\":\"Microsoft.Communication.SMSReceived\"}]").statusCode(400);

        String huge = "[" + event(newId(), "Other.Type", "{\"padding\":\"" + "x".repeat(1_100_000) + "\"}") + "]";
        post(huge).statusCode(413).contentType("application/problem+json").body("detail", containsString("1048576"));
    }

    private boolean optedOut(String patient) {
        return optedOutOf(OUR_NUMBER, patient);
    }

    private boolean optedOutOf(String sendingNumber, String patient) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> ledger.isOptedOut(sendingNumber, patient)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static void insertSentReminder(String configurationId, String appointmentId, String messageId, UUID repeatabilityId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ServiceDatabase.execute("insert into sms_appointment (configuration_id, appointment_id, starts_at, status, updated_at)"
                + " values (?, ?, ?, 'BOOKED', ?)", configurationId, appointmentId, now.plusDays(1), now);
        ServiceDatabase.execute("insert into sms_message (configuration_id, appointment_id, message_type, reminder_offset_s,"
                        + " occasion, repeatability_id, sending_number, due_at, not_before, state, attempts,"
                        + " provider_message_id, sent_at, created_at) values (?, ?, 'REMINDER', 86400, ?, ?, ?, ?, ?, 'SENT', 1, ?,"
                        + " ?, ?)", configurationId, appointmentId, now.plusDays(1).toString(), repeatabilityId, OUR_NUMBER, now,
                now, messageId, now, now);
    }

    private static JsonNode awaitDelivery(String configurationId, String appointmentId) throws Exception {
        String key = Topics.visitKey(configurationId, appointmentId);
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            Optional<ConsumerRecord<String, String>> record = kafka.awaitRecord(Topics.SMS_DELIVERIES,
                    r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertTrue(record.isPresent(), "an SmsDelivery on " + Topics.SMS_DELIVERIES);
            return JSON.readTree(record.get().value());
        }
    }

    private static String uniqueNumber() {
        return "+1425" + String.format("%07d", (long) (Math.random() * 10_000_000));
    }
}
