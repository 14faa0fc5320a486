package io.ehrconnector.launch.devicetest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.standins.EntraDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What the device-test tests share: configurations known to launch-service, and the events a report leads to. */
final class DeviceTestFixtures {

    private DeviceTestFixtures() {
    }

    /** A new configuration in {@code status}, stored by launch-service; returns its id. */
    static String configuration(KafkaTestClient kafka, Environment environment, ConfigurationSnapshot.Status status) {
        String id = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.publish(kafka, id, EntraDirectory.CONTOSO.id(), environment, status, List.of());
        return id;
    }

    static String approvedConfiguration(KafkaTestClient kafka, Environment environment) {
        return configuration(kafka, environment, ConfigurationSnapshot.Status.APPROVED);
    }

    /** The event of {@code type} published for {@code configurationId} (the tests use one configuration per report). */
    static ConsumerRecord<String, String> awaitEvent(KafkaTestClient kafka, EventType type, String configurationId) {
        return kafka.awaitRecord(type.topic(), record -> record.key() != null && record.key().startsWith(configurationId)
                                && type.type().equals(CloudEventCodec.fromJson(record.value()).type()), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no " + type + " for configuration " + configurationId));
    }

    /** The event's data as JSON. */
    static JsonNode data(ConsumerRecord<String, String> record) {
        return CloudEventCodec.mapper().valueToTree(CloudEventCodec.fromJson(record.value()).data());
    }

    /** Events of {@code configurationId} written to the outbox: the only way anything is published. */
    static long outboxEventsOf(String configurationId) {
        return ((Number) ServiceDatabase.value("select count(*) from outbox_event where record_key like ?",
                configurationId + "%")).longValue();
    }
}
