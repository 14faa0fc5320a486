package io.ehrconnector.events;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;

/** Reads and writes {@link DeadLetter}s as the JSON value of dead-letter records, with the same mapper as events. */
public final class DeadLetterCodec {

    private DeadLetterCodec() {
    }

    public static String toJson(DeadLetter deadLetter) {
        try {
            return CloudEventCodec.mapper().writeValueAsString(deadLetter);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("dead letter of " + deadLetter.originalTopic() + " cannot be written as JSON", e);
        }
    }

    public static byte[] toBytes(DeadLetter deadLetter) {
        return toJson(deadLetter).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a dead letter; a malformed one fails with a {@link MalformedEventException} that quotes no value. */
    public static DeadLetter fromJson(String json) {
        return CloudEventCodec.convert(CloudEventCodec.parseObject(json, "a dead letter"), DeadLetter.class,
                "invalid dead letter", "");
    }
}
