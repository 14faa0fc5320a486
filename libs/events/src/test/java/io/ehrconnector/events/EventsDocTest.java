package io.ehrconnector.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/events.md documents every topic, event type, schema and field of this contract, so it cannot silently fall behind. */
class EventsDocTest {

    /** The module runs its tests in libs/events; the docs live at the repository root. */
    private static final Path EVENTS_DOC = Path.of("../../docs/events.md");

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
        names.add(DeadLetter.SCHEMA_RESOURCE);
        Stream.concat(RecordFields.ofAllEventData().stream(), RecordFields.of(DeadLetter.class, "DeadLetter").stream())
                .map(field -> "`" + field.name() + "`").forEach(names::add);

        assertEquals(List.of(), names.stream().distinct().filter(name -> !doc.contains(name)).toList(),
                "missing from docs/events.md");
    }
}
