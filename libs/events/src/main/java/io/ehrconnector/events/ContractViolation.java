package io.ehrconnector.events;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by the constructors of the event records when a required field is missing or two fields contradict each other.
 *
 * <p>The message names the field and the rule, never a value, so it is safe to log and to use as a dead-letter reason; the
 * codec relies on that when it turns a failed read into a {@link MalformedEventException}. Formats (uuid, date-time, E.164,
 * base64url) are the JSON schemas' job; the records only check what a producer could otherwise get wrong silently.
 */
final class ContractViolation extends IllegalArgumentException {

    private final String field;
    private final String problem;

    private ContractViolation(String field, String problem) {
        super("field '" + field + "' " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** {@code value}, or a violation saying that {@code field} is missing. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, "is missing");
        }
        return value;
    }

    /** An unmodifiable copy of {@code list}, which must be present and hold no null element (it may be empty). */
    static <T> List<T> requiredList(List<T> list, String field) {
        check(required(list, field).stream().noneMatch(Objects::isNull), field, "contains a null element");
        return List.copyOf(list);
    }

    /** A violation of {@code problem} (a fixed text, never a value) unless {@code holds}. */
    static void check(boolean holds, String field, String problem) {
        if (!holds) {
            throw new ContractViolation(field, problem);
        }
    }

    /** The message for this violation inside a document, {@code location} being the path of the record that threw. */
    String describeAt(String location) {
        return "field '" + (location.isEmpty() ? field : location + "." + field) + "' " + problem;
    }
}
