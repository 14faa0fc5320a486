package io.ehrconnector.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ehrconnector.events.EventJsonEdits.Member;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeadLetterTest {

    private static final OffsetDateTime FAILED_AT = OffsetDateTime.parse("2026-03-02T15:31:07.250Z");
    /** A record that is not JSON, not even UTF-8. */
    private static final byte[] POISON = {(byte) 0xC3, 0x28, 'M', 'S', 'H', '|', 0x00, (byte) 0xFF};

    private static final DeadLetter MALFORMED_EVENT = DeadLetter.of(Topics.APPOINTMENTS, 3, 18_442L,
            Topics.visitKey(EventSamples.CONFIGURATION_ID, EventSamples.APPOINTMENT_ID), POISON, "sms-service-appointments",
            new MalformedEventException("not JSON (line 1, column 2)"), FAILED_AT);

    @Test
    void roundTripsAndKeepsThePayloadByteForByte() {
        String json = DeadLetterCodec.toJson(MALFORMED_EVENT);
        DeadLetter read = DeadLetterCodec.fromJson(json);

        assertEquals(MALFORMED_EVENT, read);
        assertArrayEquals(POISON, read.payload());
        assertEquals(json, new String(DeadLetterCodec.toBytes(MALFORMED_EVENT), StandardCharsets.UTF_8));
    }

    @Test
    void aTombstoneWithoutKeyHasNoPayload() {
        DeadLetter tombstone = DeadLetter.of(Topics.CONFIGURATIONS, 0, 7L, null, null, "launch-service-configurations",
                new MalformedEventException("no record value"), FAILED_AT);

        assertEquals(tombstone, DeadLetterCodec.fromJson(DeadLetterCodec.toJson(tombstone)));
        assertNull(tombstone.payload());
        assertEquals(Set.of(), JsonSchemas.validate(DeadLetter.SCHEMA_RESOURCE, json(tombstone)));
    }

    @Test
    void matchesItsSchema() {
        assertEquals(Set.of(), JsonSchemas.validate(DeadLetter.SCHEMA_RESOURCE, json(MALFORMED_EVENT)));
    }

    @Test
    void codecAndSchemaAgreeOnWhatIsRequired() {
        ObjectNode document = json(MALFORMED_EVENT);
        for (Member member : EventJsonEdits.members(document, "")) {
            JsonNode removed = member.remove();
            boolean schemaAccepts = JsonSchemas.validate(DeadLetter.SCHEMA_RESOURCE, document).isEmpty();
            boolean codecAccepts = readable(document.toString());
            member.restore(removed);
            assertEquals(schemaAccepts, codecAccepts, "without " + member.path());
        }
    }

    @Test
    void keepsTheReasonOfAMalformedEventAndWithholdsOtherMessages() {
        assertEquals("not JSON (line 1, column 2)", MALFORMED_EVENT.reason());
        assertEquals("field 'ciphertext' is not base64url ciphertext of at least 16 bytes", DeadLetter.reasonOf(
                assertThrows(IllegalArgumentException.class,
                        () -> new EncryptedPhone(EncryptedPhone.Use.MOBILE, "+16085550100", "k1"))));

        String reason = DeadLetter.reasonOf(new SQLException("duplicate key value (phone)=(+16085550100)"));
        assertEquals("java.sql.SQLException (message withheld: it may quote data)", reason);
    }

    @Test
    void aMalformedDeadLetterIsReportedWithoutItsValues() {
        String json = json(MALFORMED_EVENT).put("originalPartition", "partition 555-0100").toString();

        MalformedEventException e = assertThrows(MalformedEventException.class, () -> DeadLetterCodec.fromJson(json));
        assertEquals("invalid dead letter: field 'originalPartition' has an invalid value", e.getMessage());
        assertEquals("invalid dead letter: field 'originalOffset' is missing", assertThrows(MalformedEventException.class,
                () -> DeadLetterCodec.fromJson(json(MALFORMED_EVENT).without("originalOffset").toString())).getMessage());
        assertFalse(assertThrows(MalformedEventException.class, () -> DeadLetterCodec.fromJson("555-0100 Doe"))
                .getMessage().contains("Doe"));
    }

    private static ObjectNode json(DeadLetter deadLetter) {
        return CloudEventCodec.mapper().valueToTree(deadLetter);
    }

    private static boolean readable(String json) {
        try {
            DeadLetterCodec.fromJson(json);
            return true;
        } catch (MalformedEventException e) {
            return false;
        }
    }
}
