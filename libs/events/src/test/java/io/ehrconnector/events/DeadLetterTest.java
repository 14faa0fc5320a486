package io.ehrconnector.events;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeadLetterTest {

    private static final OffsetDateTime FAILED_AT = OffsetDateTime.parse("2026-03-02T15:31:07.250Z");
    private static final String KEY = Topics.visitKey(EventSamples.CONFIGURATION_ID, EventSamples.APPOINTMENT_ID);
    private static final String POISON = "{\"specversion\":\"1.0\",\"id\":\"x\"}";

    /** The headers SmallRye's dead-letter queue adds to a record that failed with a {@link MalformedEventException}. */
    private static Map<String, String> headersOfAMalformedRecord() {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE);
        headers.put("dead-letter-topic", Topics.APPOINTMENTS);
        headers.put("dead-letter-partition", "3");
        headers.put("dead-letter-offset", "18442");
        headers.put("dead-letter-reason", "missing CloudEvents attribute 'source'");
        headers.put("dead-letter-exception-class-name", MalformedEventException.class.getName());
        return headers;
    }

    @Test
    void readsTheRecordAndTheHeadersOfTheDeadLetterQueue() {
        DeadLetter deadLetter = DeadLetter.fromRecord(KEY, POISON, headersOfAMalformedRecord(), FAILED_AT);

        assertEquals(new DeadLetter(Topics.APPOINTMENTS, 3, 18_442L, KEY, "missing CloudEvents attribute 'source'",
                "io.ehrconnector.events.MalformedEventException", POISON, FAILED_AT), deadLetter);
    }

    @Test
    void aRecordWithoutValueOrKeyIsADeadLetterToo() {
        DeadLetter tombstone = DeadLetter.fromRecord(null, null, headersOfAMalformedRecord(), FAILED_AT);

        assertEquals(null, tombstone.payload());
        assertEquals(null, tombstone.key());
    }

    @Test
    void theDeadLetterTopicIsTheQueuesDefaultForAChannelNamedAfterItsTopic() {
        assertEquals("dead-letter-topic-ehrconnector.appointments", Topics.deadLetterOf(Topics.APPOINTMENTS));
    }

    @Test
    void aRecordWithoutTheHeadersIsNoDeadLetter() {
        Map<String, String> withoutOffset = headersOfAMalformedRecord();
        withoutOffset.remove(DeadLetter.OFFSET_HEADER);
        Map<String, String> garbledPartition = headersOfAMalformedRecord();
        garbledPartition.put(DeadLetter.PARTITION_HEADER, "three");

        assertEquals("not a dead letter: header 'dead-letter-offset' is missing", assertThrows(MalformedEventException.class,
                () -> DeadLetter.fromRecord(KEY, POISON, withoutOffset, FAILED_AT)).getMessage());
        assertEquals("not a dead letter: header 'dead-letter-partition' is not a number", assertThrows(
                MalformedEventException.class, () -> DeadLetter.fromRecord(KEY, POISON, garbledPartition, FAILED_AT))
                .getMessage());
    }

    @Test
    void aMalformedEventExceptionHasNoCauseWhoseMessageTheQueueWouldCopy() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> CloudEventCodec.fromJson(
                EventJsonEdits.edited(EventSamples.of(EventType.APPOINTMENT_SCHEDULED),
                        event -> EventJsonEdits.data(event).put("start", "Jane Doe"))));

        assertEquals(null, e.getCause());
    }
}
