package io.ehrconnector.config;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.retention.RetentionPurge;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox keeps flowing past a row Kafka refuses, and forgets what it no longer needs. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
class OutboxMaintenanceTest {

    @Inject
    RetentionPurge purge;

    @Test
    void aRowTheBrokerRefusesIsParkedAndTheRowsAfterItArePublished() {
        String key = UUID.randomUUID().toString();
        // Larger than the producer's max.request.size (1 MiB): every send of it fails, as a poison row would.
        insertPending(UUID.randomUUID().toString(), key, "x".repeat(1_100_000));
        CloudEvent<ConfigurationSnapshot> next = event(key);
        insertPending(next.id(), key, CloudEventCodec.toJson(next));

        await().atMost(Duration.ofSeconds(60)).until(() -> ServiceDatabase.value(
                "select parked_at from outbox_event where record_key = ? and length(payload) > 1000000", key) != null);
        Map<String, Object> parked = ServiceDatabase.query(
                "select attempts, last_error from outbox_event where record_key = ? and length(payload) > 1000000", key).get(0);
        assertEquals(10, ((Number) parked.get("attempts")).intValue());
        assertTrue(String.valueOf(parked.get("last_error")).contains("RecordTooLargeException"), parked.toString());

        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            assertTrue(kafka.awaitRecord(Topics.CONFIGURATIONS, r -> key.equals(r.key()), Duration.ofSeconds(30))
                    .map(r -> CloudEventCodec.fromJson(r.value()).id().equals(next.id())).orElse(false));
        }
    }

    @Test
    void publishedRowsAndOldLedgerEntriesArePurgedWhilePendingAndParkedRowsStay() throws Throwable {
        String key = UUID.randomUUID().toString();
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(40)));
        ServiceDatabase.execute("insert into outbox_event (event_id, topic, record_key, payload, created_at, published_at)"
                + " values (?, ?, ?, '{}', ?, ?)", UUID.randomUUID().toString(), Topics.CONFIGURATIONS, key, longAgo, longAgo);
        ServiceDatabase.execute("insert into outbox_event (event_id, topic, record_key, payload, created_at, parked_at, attempts)"
                + " values (?, ?, ?, '{}', ?, ?, 10)", UUID.randomUUID().toString(), Topics.CONFIGURATIONS, key, longAgo, longAgo);
        String oldEvent = UUID.randomUUID().toString();
        String recentEvent = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into processed_event (consumer, event_id, processed_at) values ('test', ?, ?)",
                oldEvent, longAgo);
        ServiceDatabase.execute("insert into processed_event (consumer, event_id, processed_at) values ('test', ?, now())",
                recentEvent);

        int deleted = VertxContextSupport.subscribeAndAwait(() -> purge.purgeOnce());

        assertTrue(deleted >= 2, "deleted " + deleted);
        assertEquals(List.of("parked"), ServiceDatabase.query(
                "select case when parked_at is null then 'published' else 'parked' end as state from outbox_event"
                        + " where record_key = ?", key).stream().map(r -> r.get("state")).toList());
        assertEquals(null, ServiceDatabase.value("select event_id from processed_event where event_id = ?", oldEvent));
        assertNotNull(ServiceDatabase.value("select event_id from processed_event where event_id = ?", recentEvent));
    }

    private static void insertPending(String eventId, String key, String payload) {
        ServiceDatabase.execute("insert into outbox_event (event_id, topic, record_key, payload, created_at) values (?, ?, ?, ?, now())",
                eventId, Topics.CONFIGURATIONS, key, payload);
    }

    private static CloudEvent<ConfigurationSnapshot> event(String id) {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(id, UUID.randomUUID().toString(),
                ConfigurationSnapshot.Environment.PRODUCTION, "https://ehr.example.org/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, 1, "Example Health", "America/Denver", null, null,
                OffsetDateTime.now(ZoneOffset.UTC));
        return CloudEvent.of(EventType.CONFIGURATION_PUBLISHED, CloudEvent.serviceSource("config-service"), id,
                OffsetDateTime.now(ZoneOffset.UTC), snapshot);
    }
}
