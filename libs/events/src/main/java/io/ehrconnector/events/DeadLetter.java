package io.ehrconnector.events;

import java.time.OffsetDateTime;
import java.util.Base64;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * A record that a consumer could not process, with the reason: the value of every record on a dead-letter topic
 * ({@link Topics#deadLetterOf}), written as plain JSON by {@link DeadLetterCodec} (Kafka header {@code content-type:
 * application/json}) with the failed record's key as its key. Schema: {@link #SCHEMA_RESOURCE}.
 *
 * <p>Dead letters are deliberately not CloudEvents: they are no fact of the domain but a quarantined copy of someone else's
 * record, which may not be a CloudEvent (or JSON) at all; no service reacts to them, operators read and replay them. Their
 * identity is ({@code originalTopic}, {@code originalPartition}, {@code originalOffset}, {@code consumerGroup}).
 *
 * @param originalTopic     topic the failed record was read from
 * @param originalPartition its partition
 * @param originalOffset    its offset in that partition
 * @param key               its key, null when it had none
 * @param payloadBase64     its value byte for byte, base64 (RFC 4648 section 4, padded); null when the value was null
 * @param consumerGroup     Kafka consumer group of the consumer that gave up (names the service and its purpose)
 * @param reason            why it gave up; never contains values of the record (see {@link #reasonOf})
 * @param failedAt          when it gave up
 */
public record DeadLetter(
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String key,
        String payloadBase64,
        String consumerGroup,
        String reason,
        OffsetDateTime failedAt) {

    /** Classpath location of the JSON schema (draft 2020-12) of a dead letter. */
    public static final String SCHEMA_RESOURCE = "schemas/dead-letter.v1.json";
    /** Kafka {@code content-type} header value of a dead-letter record. */
    public static final String CONTENT_TYPE = "application/json";

    public DeadLetter {
        required(originalTopic, "originalTopic");
        check(originalPartition >= 0, "originalPartition", "is negative");
        check(originalOffset >= 0, "originalOffset", "is negative");
        required(consumerGroup, "consumerGroup");
        required(reason, "reason");
        required(failedAt, "failedAt");
    }

    /** The dead letter of the record at {@code topic}/{@code partition}/{@code offset} whose processing failed with {@code failure}. */
    public static DeadLetter of(String topic, int partition, long offset, String key, byte[] value, String consumerGroup,
                                Throwable failure, OffsetDateTime failedAt) {
        return new DeadLetter(topic, partition, offset, key, value == null ? null : Base64.getEncoder().encodeToString(value),
                consumerGroup, reasonOf(failure), failedAt);
    }

    /**
     * A reason for {@code failure} that is safe to store: the message of a {@link MalformedEventException} or of a contract
     * violation of an event record (both never quote values), otherwise only the exception's class, since other messages
     * (database, HTTP clients, Jackson) may quote the data that failed.
     */
    public static String reasonOf(Throwable failure) {
        if (failure instanceof MalformedEventException || failure instanceof ContractViolation) {
            return failure.getMessage();
        }
        return failure.getClass().getName() + " (message withheld: it may quote data)";
    }

    /** The failed record's value as it was read, or null when it had none. */
    public byte[] payload() {
        return payloadBase64 == null ? null : Base64.getDecoder().decode(payloadBase64);
    }
}
