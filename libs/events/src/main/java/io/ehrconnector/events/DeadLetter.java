package io.ehrconnector.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * One record of a dead-letter topic ({@link Topics#deadLetterOf}), read back: a record a consumer could not process, and why.
 *
 * <p>Dead letters are written by SmallRye Reactive Messaging's {@code dead-letter-queue} failure strategy, which every
 * service's incoming channels use. They are deliberately not CloudEvents of their own: the record is forwarded unchanged
 * (same key, same value, same headers, so a CloudEvent stays one and a replay is a plain copy back to the original topic), and
 * what happened is added as {@code dead-letter-*} headers ({@link #TOPIC_HEADER} and the other header constants). The reason
 * header is the message of the exception that failed the record, which is why {@link MalformedEventException} messages never
 * quote the record. This record is the typed reading of those headers for tooling and tests; see {@link #fromRecord}.
 *
 * @param originalTopic     topic the failed record was read from
 * @param originalPartition its partition
 * @param originalOffset    its offset in that partition
 * @param key               its key, null when it had none
 * @param reason            why the consumer gave up: the failing exception's message (or its class when it had none)
 * @param exceptionClass    class name of the failing exception, e.g. {@code io.ehrconnector.events.MalformedEventException}
 *                          (a malformed record: replaying it unchanged fails again) or a transient failure worth a replay
 * @param payload           its value as it was read, unchanged; null for a record without value
 * @param failedAt          when the consumer gave up (the timestamp of the dead-letter record)
 */
public record DeadLetter(
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String key,
        String reason,
        String exceptionClass,
        String payload,
        OffsetDateTime failedAt) {

    /** Header naming the topic the record was read from. */
    public static final String TOPIC_HEADER = "dead-letter-topic";
    /** Header with the partition it was read from, in decimal. */
    public static final String PARTITION_HEADER = "dead-letter-partition";
    /** Header with its offset in that partition, in decimal. */
    public static final String OFFSET_HEADER = "dead-letter-offset";
    /** Header with the reason: the failing exception's message. */
    public static final String REASON_HEADER = "dead-letter-reason";
    /** Header with the failing exception's class name. */
    public static final String EXCEPTION_CLASS_HEADER = "dead-letter-exception-class-name";

    public DeadLetter {
        required(originalTopic, "originalTopic");
        check(originalPartition >= 0, "originalPartition", "is negative");
        check(originalOffset >= 0, "originalOffset", "is negative");
        required(reason, "reason");
        required(exceptionClass, "exceptionClass");
        required(failedAt, "failedAt");
    }

    /**
     * Reads a record of a dead-letter topic: its {@code key}, {@code value}, {@code headers} (name to UTF-8 value; the last
     * value of a repeated header) and {@code timestamp}. A record without the dead-letter headers is not a dead letter and
     * fails with a {@link MalformedEventException}.
     */
    public static DeadLetter fromRecord(String key, String value, Map<String, String> headers, OffsetDateTime timestamp) {
        int partition = number(headers, PARTITION_HEADER, Integer::parseInt);
        long offset = number(headers, OFFSET_HEADER, Long::parseLong);
        return new DeadLetter(header(headers, TOPIC_HEADER), partition, offset, key, header(headers, REASON_HEADER),
                header(headers, EXCEPTION_CLASS_HEADER), value, timestamp);
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new MalformedEventException("not a dead letter: header '" + name + "' is missing");
        }
        return value;
    }

    private static <N> N number(Map<String, String> headers, String name, Function<String, N> parse) {
        try {
            return parse.apply(header(headers, name));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("not a dead letter: header '" + name + "' is not a number");
        }
    }
}
