package io.ehrconnector.config;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.outbox.Outbox;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Configuration changes reach the configurations topic through the transactional outbox: committed rows only, in order. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
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
            await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(kafka, id).size() == 3);
            List<ConsumerRecord<String, String>> records = recordsOf(kafka, id);
            for (int i = 0; i < events.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                assertEquals(CloudEvent.STRUCTURED_CONTENT_TYPE, KafkaTestClient.header(record, CloudEvent.CONTENT_TYPE_HEADER));
                CloudEvent<ConfigurationSnapshot> received = CloudEventCodec.fromJson(record.value(),
                        EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class);
                assertEquals(events.get(i), received);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) ServiceDatabase.value(
                "select count(*) from outbox_event where record_key = ? and published_at is null", id)).longValue() == 0);
    }

    @Test
    void aBacklogOfSeveralBatchesIsPublishedInOrder() throws Throwable {
        String id = UUID.randomUUID().toString();
        List<CloudEvent<ConfigurationSnapshot>> events = java.util.stream.LongStream.rangeClosed(1, 1000)
                .mapToObj(version -> event(id, version)).toList();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(events).onItem().transformToUniAndConcatenate(event -> outbox.enqueue(event, id))
                .collect().last()));

        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(kafka, id).size() >= events.size());
            List<String> published = recordsOf(kafka, id).stream()
                    .map(record -> CloudEventCodec.fromJson(record.value()).id()).toList();
            assertEquals(events.stream().map(CloudEvent::id).toList(), published, "each once, in the order enqueued");
        }
    }

    @Test
    void rolledBackChangesAreNeverPublished() throws Throwable {
        String id = UUID.randomUUID().toString();
        assertThrows(RolledBack.class, () -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.enqueue(event(id, 1), id).chain(() -> Uni.createFrom().<Void>failure(new RolledBack())))));
        // A later committed event on the same key is published; by then the rolled-back one would have been too.
        CloudEvent<ConfigurationSnapshot> committed = event(id, 2);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(committed, id)));

        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !recordsOf(kafka, id).isEmpty());
            List<ConsumerRecord<String, String>> records = recordsOf(kafka, id);
            assertEquals(1, records.size());
            assertEquals(committed.id(), CloudEventCodec.fromJson(records.get(0).value()).id());
        }
        assertEquals(1L, ((Number) ServiceDatabase.value("select count(*) from outbox_event where record_key = ?", id))
                .longValue());
    }

    @Test
    void enqueueingTheSameEventTwiceStoresItOnce() throws Throwable {
        String id = UUID.randomUUID().toString();
        CloudEvent<ConfigurationSnapshot> event = event(id, 1);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(event, id)));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(event, id)));
        assertEquals(1L, ((Number) ServiceDatabase.value("select count(*) from outbox_event where event_id = ?", event.id()))
                .longValue());
    }

    private static List<ConsumerRecord<String, String>> recordsOf(KafkaTestClient kafka, String key) {
        return kafka.readAll(Topics.CONFIGURATIONS).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static final class RolledBack extends RuntimeException {
    }

    private static CloudEvent<ConfigurationSnapshot> event(String id, long version) {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(id, TENANT_ID, ConfigurationSnapshot.Environment.TEST,
                "https://ehr.example.org/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED, version, "Example Health",
                "America/New_York", null, null, OffsetDateTime.now(ZoneOffset.UTC));
        return CloudEvent.of(EventType.CONFIGURATION_PUBLISHED, CloudEvent.serviceSource("config-service"), id,
                OffsetDateTime.now(ZoneOffset.UTC), snapshot);
    }
}
