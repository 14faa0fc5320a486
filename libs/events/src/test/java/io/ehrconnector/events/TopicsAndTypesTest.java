package io.ehrconnector.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicsAndTypesTest {

    @Test
    void visitScopedRecordsAreKeyedByConfigurationAndAppointment() {
        assertEquals("5f0c/1000187342", Topics.visitKey("5f0c", "1000187342"));
        assertEquals("5f0c", Topics.visitKey("5f0c", null));
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertEquals("dead-letter-topic-ehrconnector.sms-deliveries", Topics.deadLetterOf(Topics.SMS_DELIVERIES));
        assertEquals(7, Set.copyOf(Topics.ALL).size());
    }

    @Test
    void everyTopicCarriesSomeTypeAndEveryTypeAKnownTopic() {
        Set<String> used = Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());

        assertEquals(Set.copyOf(Topics.ALL), used);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void typeNamesFollowTheConventionAndAreFoundAgain(EventType type) {
        assertTrue(type.type().matches("io\\.ehrconnector\\.[a-z][a-z-]*\\.[a-z][a-z-]*\\.v1"), type.type());
        assertEquals(Optional.of(type), EventType.fromType(type.type()));
        assertEquals("urn:ehrconnector:schema:" + type.schemaResource().substring("schemas/".length()),
                type.dataschema().toString());
    }

    @Test
    void typeNamesAreUnique() {
        assertEquals(EventType.values().length, Arrays.stream(EventType.values()).map(EventType::type).distinct().count());
        assertEquals(Optional.empty(), EventType.fromType("io.ehrconnector.appointment.scheduled.v2"));
        assertEquals(Optional.empty(), EventType.fromType(null));
    }

    @Test
    void servicesAreSourcesUnderOnePrefix() {
        assertEquals(URI.create("/ehr-connector/sms-service"), CloudEvent.serviceSource("sms-service"));
    }
}
