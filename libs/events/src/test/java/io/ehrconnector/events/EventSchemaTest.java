package io.ehrconnector.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.ehrconnector.events.EventJsonEdits.Member;
import io.ehrconnector.events.EventSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.ehrconnector.events.EventJsonEdits.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The schemas are valid, every sample passes them, and they reject what the contract forbids. */
class EventSchemaTest {

    private static final CloudEvent<?> SCHEDULED = EventSamples.of(EventType.APPOINTMENT_SCHEDULED);

    static Stream<Sample> samples() {
        return EventSamples.all().stream();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAValidSchemaWhoseIdIsItsDataschema(EventType type) {
        assertNotNull(getClass().getClassLoader().getResource(type.schemaResource()), type.schemaResource());
        JsonNode schema = JsonSchemas.tree(type.schemaResource());

        assertEquals(JsonSchemas.META_SCHEMA, schema.path("$schema").asText());
        assertEquals(type.dataschema().toString(), schema.path("$id").asText());
        assertEquals(Set.of(), JsonSchemas.validateAgainstMetaSchema(type.schemaResource()));
    }

    @Test
    void theEnvelopeSchemaIsValid() {
        assertEquals(JsonSchemas.META_SCHEMA, JsonSchemas.tree(CloudEvent.ENVELOPE_SCHEMA_RESOURCE).path("$schema").asText());
        assertEquals(Set.of(), JsonSchemas.validateAgainstMetaSchema(CloudEvent.ENVELOPE_SCHEMA_RESOURCE));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleMatchesItsDataSchemaAndTheEnvelopeSchema(Sample sample) {
        ObjectNode event = EventJsonEdits.tree(sample.event());

        assertEquals(Set.of(), JsonSchemas.validate(sample.type().schemaResource(), data(event)));
        assertEquals(Set.of(), JsonSchemas.validate(CloudEvent.ENVELOPE_SCHEMA_RESOURCE, event));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyFieldAProducerWritesIsDeclaredInTheSchema(Sample sample) {
        ObjectNode event = EventJsonEdits.tree(sample.event());

        assertDeclared(JsonSchemas.tree(sample.type().schemaResource()), data(event), "data");
        assertDeclared(JsonSchemas.tree(CloudEvent.ENVELOPE_SCHEMA_RESOURCE), event, "");
    }

    /**
     * Removing any one field of a sample, at any depth, is accepted by the codec exactly when the schema accepts it: the
     * records and the schemas agree on what is required, also under the rules between fields.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void codecAndSchemaAgreeOnWhatIsRequired(Sample sample) {
        ObjectNode event = EventJsonEdits.tree(sample.event());
        String schema = sample.type().schemaResource();
        for (Member member : EventJsonEdits.members(data(event), "")) {
            JsonNode removed = member.remove();
            boolean schemaAccepts = JsonSchemas.validate(schema, data(event)).isEmpty();
            boolean codecAccepts = accepts(() -> CloudEventCodec.fromJson(event.toString()));
            member.restore(removed);
            assertEquals(schemaAccepts, codecAccepts, () -> "without " + member.path() + ": schema "
                    + (schemaAccepts ? "accepts" : "rejects") + ", codec " + (codecAccepts ? "accepts" : "rejects"));
        }
    }

    @Test
    void aMissingRequiredFieldIsReportedByTheSchema() {
        Set<ValidationMessage> problems = dataProblems(SCHEDULED, data -> data.remove("start"));

        assertEquals(1, problems.size(), problems::toString);
        ValidationMessage problem = problems.iterator().next();
        assertEquals("required", problem.getType());
        assertEquals("start", problem.getProperty());
    }

    @Test
    void theSchemaChecksFormats() {
        assertRejected(SCHEDULED, data -> data.put("start", "2026-03-02 09:30"), "format");
        assertRejected(SCHEDULED, data -> data.put("configurationId", "cfg-1"), "format");
        assertRejected(SCHEDULED, data -> data.put("patientLanguage", "Spanish please"), "pattern");
        assertRejected(EventSamples.of(EventType.CONFIGURATION_PUBLISHED),
                data -> ((ObjectNode) data.get("sms")).put("sendingNumber", "(833) 555-0142"), "pattern");
        assertRejected(EventSamples.of(EventType.CONFIGURATION_PUBLISHED),
                data -> ((ObjectNode) data.get("sms")).putArray("reminderOffsets").add("24 hours"), "format");
    }

    @Test
    void theSchemaRejectsAPlainPhoneNumber() {
        for (String plain : new String[] {"+16085550100", "16085550100", "608-555-0100"}) {
            assertRejected(SCHEDULED, data -> ((ObjectNode) data.get("patientPhones").get(0)).put("ciphertext", plain),
                    "pattern");
        }
    }

    @Test
    void theSchemaKeepsPrivateKeysSealedAndOneKeySigning() {
        CloudEvent<?> ring = EventSamples.of(EventType.CONNECTOR_KEYS_PUBLISHED);
        assertRejected(ring, data -> {
            ObjectNode key = (ObjectNode) data.get("keys").get(0);
            key.put("publicJwk", key.get("publicJwk").asText().replace("{", "{\"d\":\"c2VjcmV0\","));
        }, "not");
        assertRejected(ring, data -> ((ObjectNode) data.get("keys").get(0)).put("sealedPrivateKey", "-----BEGIN PRIVATE KEY-----"),
                "pattern");
        assertRejected(ring, data -> ((ObjectNode) data.get("keys").get(1)).put("status", "ACTIVE"), "maxContains");
        assertRejected(ring, data -> ((ObjectNode) data.get("keys").get(0)).put("algorithm", "HS256"), "pattern");
    }

    @Test
    void theSchemaRejectsValuesOutsideClosedEnums() {
        assertRejected(SCHEDULED, data -> data.put("status", "ARRIVED"), "enum");
        assertRejected(EventSamples.of(EventType.VISIT_LAUNCHED), data -> data.put("channel", "KIOSK"), "enum");
    }

    @Test
    void theSchemaAcceptsFieldsAndOpenEnumValuesFromANewerProducer() {
        assertEquals(Set.of(), dataProblems(SCHEDULED, data -> data.put("visitMode", "VIDEO")));
        assertEquals(Set.of(), dataProblems(EventSamples.of(EventType.VISIT_LAUNCHED), data -> data.put("ehrClient", "ROVER")));
    }

    @Test
    void theSchemaKeepsPersonalIdsToClinicians() {
        CloudEvent<?> providerConnected = EventSamples.of(EventType.PARTICIPANT_CONNECTED);
        assertRejected(providerConnected, data -> data.put("role", "PATIENT"), "not");
        CloudEvent<?> providerLaunch = EventSamples.of(EventType.VISIT_LAUNCHED);
        assertRejected(providerLaunch, data -> data.put("channel", "PATIENT"), "not");
    }

    @Test
    void theEnvelopeSchemaRejectsWhatTheContractForbids() {
        assertEnvelopeRejected(event -> event.put("specversion", "0.3"));
        assertEnvelopeRejected(event -> event.remove("id"));
        assertEnvelopeRejected(event -> event.put("id", "42"));
        assertEnvelopeRejected(event -> event.put("type", "com.example.appointment.scheduled"));
        assertEnvelopeRejected(event -> event.put("time", "yesterday"));
        assertEnvelopeRejected(event -> event.put("data", "e30="));
    }

    private static Set<ValidationMessage> dataProblems(CloudEvent<?> event, Consumer<ObjectNode> edit) {
        ObjectNode data = data(EventJsonEdits.tree(event));
        edit.accept(data);
        return JsonSchemas.validate(EventType.fromType(event.type()).orElseThrow().schemaResource(), data);
    }

    private static void assertRejected(CloudEvent<?> event, Consumer<ObjectNode> edit, String keyword) {
        Set<ValidationMessage> problems = dataProblems(event, edit);
        assertFalse(problems.isEmpty(), "accepted");
        assertTrue(problems.stream().anyMatch(p -> keyword.equals(p.getType())), () -> "no " + keyword + " problem: " + problems);
    }

    private static void assertEnvelopeRejected(Consumer<ObjectNode> edit) {
        ObjectNode event = EventJsonEdits.tree(SCHEDULED);
        edit.accept(event);
        assertFalse(JsonSchemas.validate(CloudEvent.ENVELOPE_SCHEMA_RESOURCE, event).isEmpty(), event::toString);
    }

    /**
     * Every member of {@code document} has a property in {@code schema}, at every depth where the schema lists properties
     * (the envelope's {@code data} is opaque to the envelope schema).
     */
    private static void assertDeclared(JsonNode schema, JsonNode document, String path) {
        if (document.isArray()) {
            document.forEach(element -> assertDeclared(schema.path("items"), element, path + "[]"));
            return;
        }
        if (!schema.has("properties")) {
            return;
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode()) {
                fail("'" + (path.isEmpty() ? name : path + "." + name) + "' is written but not in the schema");
            }
            assertDeclared(property, document.get(name), path + "." + name);
        }
    }

    private static boolean accepts(Runnable read) {
        try {
            read.run();
            return true;
        } catch (MalformedEventException e) {
            return false;
        }
    }
}
