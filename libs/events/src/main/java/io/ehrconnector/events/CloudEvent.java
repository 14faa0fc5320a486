package io.ehrconnector.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the Kafka record value is this whole object, with the Kafka header
 * {@code content-type: application/cloudevents+json; charset=UTF-8} ({@link #STRUCTURED_CONTENT_TYPE}). Its JSON form is checked
 * by the envelope schema {@link #ENVELOPE_SCHEMA_RESOURCE}; see docs/events.md.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id          unique per event, a UUID; consumers deduplicate on it. A producer that may publish the same fact twice
 *                    (a retry after a crash) derives it with {@link #deterministicId} so both copies share it
 * @param source      the producing service, e.g. {@code /ehr-connector/hl7-ingest-service} ({@link #serviceSource})
 * @param type        one of {@link EventType#type()}
 * @param subject     what the event is about: the Kafka record key (configuration id, or {@link Topics#visitKey}); never PHI
 * @param time        when the fact happened (RFC 3339 with offset on the wire)
 * @param datacontenttype always {@value #DATA_CONTENT_TYPE}
 * @param dataschema  the JSON schema of {@code data}, see {@link EventType#dataschema()}
 * @param data        the payload, the record named by {@link EventType#dataType()}
 */
public record CloudEvent<T>(
        String specversion,
        String id,
        URI source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        URI dataschema,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Kafka header value that marks a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** The Kafka header that carries {@link #STRUCTURED_CONTENT_TYPE} (CloudEvents Kafka protocol binding). */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** Classpath location of the JSON schema (draft 2020-12) of the envelope every event of the suite has. */
    public static final String ENVELOPE_SCHEMA_RESOURCE = "schemas/cloudevent.v1.json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** A new event of {@code type} with a random id, produced by {@code source}. */
    public static <T> CloudEvent<T> of(EventType type, URI source, String subject, OffsetDateTime time, T data) {
        return of(type, UUID.randomUUID().toString(), source, subject, time, data);
    }

    /** A new event of {@code type} with the given {@code id} (see {@link #deterministicId}), produced by {@code source}. */
    public static <T> CloudEvent<T> of(EventType type, String id, URI source, String subject, OffsetDateTime time, T data) {
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataType().getSimpleName()
                    + ", not " + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        return new CloudEvent<>(SPEC_VERSION, id, source, type.type(), subject, time, DATA_CONTENT_TYPE, type.dataschema(),
                data);
    }

    /**
     * The same event id every time for the same fact: a name-based UUID of {@code type} and the fact's natural key, e.g.
     * {@code deterministicId(APPOINTMENT_SCHEDULED, configurationId, messageControlId)}. A producer that re-publishes after a
     * crash then sends a copy that consumers drop as a duplicate instead of a second event.
     */
    public static String deterministicId(EventType type, String... naturalKey) {
        String name = type.type() + '\u001f' + String.join("\u001f", naturalKey);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The source URI of a suite service, e.g. {@code serviceSource("sms-service")}. */
    public static URI serviceSource(String serviceName) {
        return URI.create("/ehr-connector/" + serviceName);
    }
}
