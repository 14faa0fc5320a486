package io.ehrconnector.testing.contracts;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConfigurationSnapshot.Status;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service that keeps a view of the configurations must do, proven through the real broker into the real database.
 * A service's test extends this and adds its {@code @QuarkusTest} and test resources (PostgreSQL, Kafka).
 */
public abstract class ConfigurationViewContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void publishedConfigurationIsStoredAndNewerVersionsReplaceIt() {
        String id = UUID.randomUUID().toString();
        publish(snapshot(id, 1, Status.APPROVED));
        awaitVersion(id, 1);
        assertEquals("APPROVED", column(id, "status"));
        assertEquals("https://ehr.example.org/api/FHIR/R4", column(id, "fhir_base_url"));

        publish(snapshot(id, 2, Status.DISABLED));
        awaitVersion(id, 2);
        assertEquals("DISABLED", column(id, "status"));
    }

    @Test
    void staleVersionsAndRedeliveriesChangeNothing() {
        String id = UUID.randomUUID().toString();
        CloudEvent<ConfigurationSnapshot> v2 = event(snapshot(id, 2, Status.APPROVED));
        kafka.send(id, v2);
        awaitVersion(id, 2);

        // Same key, so the same partition and this order: once the stale event is in the ledger, the redelivery was handled.
        kafka.send(id, v2);
        CloudEvent<ConfigurationSnapshot> stale = event(snapshot(id, 1, Status.DISABLED));
        kafka.send(id, stale);
        awaitProcessed(stale);

        assertEquals(2L, ((Number) column(id, "version")).longValue());
        assertEquals("APPROVED", column(id, "status"));
        assertEquals(1L, ((Number) ServiceDatabase.value(
                "select count(*) from processed_event where event_id = ?", v2.id())).longValue());
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicWithItsReasonAndConsumingGoesOn() {
        String key = "malformed-" + UUID.randomUUID();
        kafka.send(Topics.CONFIGURATIONS, key, "{\"specversion\":\"1.0\",\"id\":\"x\"}", Map.of());

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetterOf(Topics.CONFIGURATIONS),
                r -> key.equals(r.key()), WAIT).orElseThrow(() -> new AssertionError("no dead letter for " + key));
        String reason = KafkaTestClient.header(deadLetter, DeadLetter.REASON_HEADER);
        assertNotNull(reason);
        assertTrue(reason.contains("missing CloudEvents attribute"), reason);

        String id = UUID.randomUUID().toString();
        publish(snapshot(id, 1, Status.APPROVED));
        awaitVersion(id, 1);
    }

    private static ConfigurationSnapshot snapshot(String id, long version, Status status) {
        return new ConfigurationSnapshot(id, UUID.randomUUID().toString(), Environment.TEST,
                "https://ehr.example.org/api/FHIR/R4", status, version, "Example Health", "America/Chicago",
                new ConfigurationSnapshot.SmsSettings(true, true, "+18005550100", true, true, true,
                        List.of(Duration.ofDays(1), Duration.ofMinutes(15))),
                List.of(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static CloudEvent<ConfigurationSnapshot> event(ConfigurationSnapshot snapshot) {
        return CloudEvent.of(EventType.CONFIGURATION_PUBLISHED, CloudEvent.serviceSource("config-service"),
                snapshot.configurationId(), OffsetDateTime.now(ZoneOffset.UTC), snapshot);
    }

    private static CloudEvent<ConfigurationSnapshot> publish(ConfigurationSnapshot snapshot) {
        CloudEvent<ConfigurationSnapshot> event = event(snapshot);
        kafka.send(snapshot.configurationId(), event);
        return event;
    }

    private static void awaitVersion(String id, long version) {
        await().atMost(WAIT).until(() -> {
            Object v = ServiceDatabase.value("select version from known_configuration where configuration_id = ?", id);
            return v != null && ((Number) v).longValue() == version;
        });
    }

    private static void awaitProcessed(CloudEvent<?> event) {
        await().atMost(WAIT).until(() -> ServiceDatabase.value(
                "select event_id from processed_event where event_id = ?", event.id()) != null);
    }

    private static Object column(String id, String column) {
        return ServiceDatabase.query("select " + column + " from known_configuration where configuration_id = ?", id)
                .get(0).get(column);
    }
}
