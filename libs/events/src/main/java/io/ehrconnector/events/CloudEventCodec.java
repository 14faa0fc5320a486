package io.ehrconnector.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and writes {@link CloudEvent}s as structured-mode JSON. The one place that decides the wire format of every event.
 *
 * <p>Writing: times as RFC 3339 strings with their offset, durations as ISO-8601 ({@code PT24H}), absent (null) fields left
 * out. Reading is tolerant of unknown fields and envelope extension attributes (a newer producer may add optional ones, see
 * docs/events.md) and of unknown values of open enums (read as their {@code OTHER} constant); it is strict about everything
 * else: a record that is not JSON, lacks a CloudEvents attribute, has another {@code specversion}, a type this version does not
 * know, or data its record refuses is rejected with a {@link MalformedEventException} whose reason never quotes the record,
 * so the consumer can dead-letter it with that reason.
 */
public final class CloudEventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Attributes every event must carry, besides {@code specversion} and {@code data} which are checked on their own. */
    private static final List<String> REQUIRED_ATTRIBUTES = List.of("id", "source", "type", "time");

    private CloudEventCodec() {
    }

    /** The mapper used for event JSON, for callers that need to (de)serialize event data on their own. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " cannot be written as JSON", e);
        }
    }

    public static byte[] toBytes(CloudEvent<?> event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses an event of any known type; its data is the record of that type ({@link EventType#dataType()}). */
    public static CloudEvent<Object> fromJson(String json) {
        ObjectNode root = parseEnvelope(json);
        EventType type = knownType(root);
        @SuppressWarnings("unchecked")
        Class<Object> dataType = (Class<Object>) type.dataType();
        return read(root, type, dataType);
    }

    /**
     * Parses an event of any known type whose data is a {@code dataType}, e.g. every appointment event type carries an
     * {@link AppointmentEvent}. The type actually read is {@code EventType.fromType(event.type())}.
     */
    public static <T> CloudEvent<T> fromJson(String json, Class<T> dataType) {
        ObjectNode root = parseEnvelope(json);
        EventType type = knownType(root);
        if (!type.dataType().equals(dataType)) {
            throw new MalformedEventException("event type " + type.type() + " does not carry " + dataType.getSimpleName());
        }
        return read(root, type, dataType);
    }

    /** Parses an event that must be of {@code expected} type. */
    public static <T> CloudEvent<T> fromJson(String json, EventType expected, Class<T> dataType) {
        if (!expected.dataType().equals(dataType)) {
            throw new IllegalArgumentException(expected.type() + " carries " + expected.dataType().getSimpleName());
        }
        ObjectNode root = parseEnvelope(json);
        String type = root.path("type").asText();
        if (!expected.type().equals(type)) {
            throw new MalformedEventException("expected event type " + expected.type() + " but got "
                    + ReadFailures.printable(type));
        }
        return read(root, expected, dataType);
    }

    private static ObjectNode parseEnvelope(String json) {
        ObjectNode root = parseObject(json);
        if (!CloudEvent.SPEC_VERSION.equals(root.path("specversion").asText())) {
            throw new MalformedEventException("specversion must be " + CloudEvent.SPEC_VERSION);
        }
        for (String attribute : REQUIRED_ATTRIBUTES) {
            if (!root.path(attribute).isTextual() || root.get(attribute).asText().isBlank()) {
                throw new MalformedEventException("missing CloudEvents attribute '" + attribute + "'");
            }
        }
        if (root.has("datacontenttype") && !CloudEvent.DATA_CONTENT_TYPE.equals(root.get("datacontenttype").asText())) {
            throw new MalformedEventException("datacontenttype must be " + CloudEvent.DATA_CONTENT_TYPE);
        }
        if (!root.path("data").isObject()) {
            throw new MalformedEventException("missing data (a JSON object)");
        }
        return root;
    }

    private static ObjectNode parseObject(String json) {
        if (json == null) {
            throw new MalformedEventException("no record value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(ReadFailures.notJson(e));
        }
        if (!(node instanceof ObjectNode root)) {
            throw new MalformedEventException("a CloudEvent must be a JSON object");
        }
        return root;
    }

    private static EventType knownType(ObjectNode root) {
        String type = root.get("type").asText();
        return EventType.fromType(type)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + ReadFailures.printable(type)));
    }

    private static <T> CloudEvent<T> read(ObjectNode root, EventType type, Class<T> dataType) {
        T data = convert(root.remove("data"), dataType, type, "data");
        CloudEvent<?> envelope = convert(root, CloudEvent.class, type, "");
        return new CloudEvent<>(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(),
                envelope.subject(), envelope.time(), envelope.datacontenttype(), envelope.dataschema(), data);
    }

    /** {@code node}, found at {@code path} in the event ("" for the envelope itself), as a {@code valueType}. */
    private static <T> T convert(JsonNode node, Class<T> valueType, EventType type, String path) {
        try {
            return MAPPER.treeToValue(node, valueType);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid " + type.type() + ": " + ReadFailures.describe(e, node, path));
        }
    }
}
