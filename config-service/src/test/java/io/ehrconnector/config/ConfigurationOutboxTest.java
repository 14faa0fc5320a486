package io.ehrconnector.config;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.outbox.Outbox;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Configuration changes reach the configurations topic through the transactional outbox: committed rows only, in order. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class ConfigurationOutboxTest {

    private static final String TENANT_ID = UUID.randomUUID().toString();

    @Inject
    Outbox outbox;

    @Test
    void committedSnapshotsArePublishedInOrderAndMarkedPublished() throws Throwable {
        String id = UUID.randomUUID().toString();
        List<CloudEvent<ConfigurationSnapshot>> events = List.of(event(id, 1), event(id, 2), event(id, 3));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(events.get(0), id)
                .chain(() -> outbox.enqueue(events.get(1), id))
                .chain(() -> outbox.enqueue(events.get(2), id))));

        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(Topics.CONFIGURATIONS, Duration.ofMillis(300))
                    .stream().filter(r -> id.equals(r.key())).count() == 3);
            List<ConsumerRecord<String, String>> records = kafka.readAll(Topics.CONFIGURATIONS, Duration.ofMillis(500))
                    .stream().filter(r -> id.equals(r.key())).toList();
            for (int i = 0; i < events.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                assertEquals(CloudEvent.STRUCTURED_CONTENT_TYPE,
                        KafkaTestClient.header(record, CloudEvent.CONTENT_TYPE_HEADER));
                CloudEvent<ConfigurationSnapshot> received = CloudEventCodec.fromJson(record.value(),
                        EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class);
                assertEquals(events.get(i), received);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) ServiceDatabase.value(
                "select count(*) from outbox_event where record_key = ? and published_at is null", id)).longValue() == 0);
    }

    @Test
    void rolledBackChangesAreNeverPublished() throws Throwable {
        String id = UUID.randomUUID().toString();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(event(id, 1), id)
                    .chain(() -> Panache.currentTransaction())
                    .invoke(tx -> tx.markForRollback())));
        } catch (RuntimeException expectedOrNot) {
            // a rollback may surface as an exception, depending on the driver; either way nothing may be published
        }
        assertEquals(0L, ((Number) ServiceDatabase.value("select count(*) from outbox_event where record_key = ?", id))
                .longValue());
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            assertEquals(0, kafka.readAll(Topics.CONFIGURATIONS, Duration.ofSeconds(2)).stream()
                    .filter(r -> id.equals(r.key())).count());
        }
    }

    private static CloudEvent<ConfigurationSnapshot> event(String id, long version) {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(id, TENANT_ID, ConfigurationSnapshot.Environment.TEST,
                "https://ehr.example.org/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED, version, "Example Health",
                "America/New_York", null, OffsetDateTime.now(ZoneOffset.UTC));
        return CloudEvent.of(EventType.CONFIGURATION_PUBLISHED, CloudEvent.serviceSource("config-service"), id,
                OffsetDateTime.now(ZoneOffset.UTC), snapshot);
    }
}
