package io.ehrconnector.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/events.md documents every topic, type, schema and field of this contract, and its examples are valid events. */
class EventsDocTest {

    /** The module runs its tests in libs/events; the docs live at the repository root. */
    private static final Path EVENTS_DOC = Path.of("../../docs/events.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theEventsDocNamesEveryTopicTypeSchemaAndField() throws IOException {
        String doc = Files.readString(EVENTS_DOC);
        List<String> names = new ArrayList<>(Topics.ALL);
        Topics.ALL.stream().map(Topics::deadLetterOf).forEach(names::add);
        for (EventType type : EventType.values()) {
            names.add(type.type());
            names.add(type.schemaResource());
        }
        names.add(CloudEvent.ENVELOPE_SCHEMA_RESOURCE);
        names.addAll(List.of(DeadLetter.TOPIC_HEADER, DeadLetter.PARTITION_HEADER, DeadLetter.OFFSET_HEADER,
                DeadLetter.REASON_HEADER, DeadLetter.EXCEPTION_CLASS_HEADER));
        List<String> missing = new ArrayList<>(names.stream().distinct().filter(name -> !doc.contains(name)).toList());
        // a field is named in code style, nested ones by their path: `configurationId`, `sms.enabled`, `patientPhones[].use`
        Stream.concat(RecordFields.ofAllEventData().stream(), RecordFields.of(DeadLetter.class, "DeadLetter").stream())
                .map(RecordFields.Field::name).distinct()
                .filter(field -> !Pattern.compile("[`.]" + field + "`").matcher(doc).find())
                .forEach(missing::add);

        assertEquals(List.of(), missing, "missing from docs/events.md");
    }

    @Test
    void everyExampleEventIsReadByTheCodecAndMatchesItsSchemas() throws IOException {
        Set<EventType> shown = new HashSet<>();
        Matcher blocks = JSON_BLOCK.matcher(Files.readString(EVENTS_DOC));
        while (blocks.find()) {
            String json = blocks.group(1);
            CloudEvent<Object> event = CloudEventCodec.fromJson(json);
            EventType type = EventType.fromType(event.type()).orElseThrow();
            JsonNode tree = CloudEventCodec.mapper().readTree(json);

            assertEquals(Set.of(), JsonSchemas.validate(CloudEvent.ENVELOPE_SCHEMA_RESOURCE, tree), json);
            assertEquals(Set.of(), JsonSchemas.validate(type.schemaResource(), tree.get("data")), json);
            assertEquals(tree, CloudEventCodec.mapper().readTree(CloudEventCodec.toJson(event)), "not as the codec writes it");
            shown.add(type);
        }
        assertEquals(Stream.of(EventType.values()).map(EventType::dataType).collect(Collectors.toSet()),
                shown.stream().map(EventType::dataType).collect(Collectors.toSet()), "an example per data record");
    }
}
