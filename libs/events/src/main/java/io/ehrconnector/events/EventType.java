package io.ehrconnector.events;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of the suite: its CloudEvents {@code type} ({@code io.ehrconnector.<area>.<fact>.v<major>}), the topic it
 * travels on, the Java record of its data and the JSON schema of that data (a classpath resource under {@code schemas/}; types
 * that share a record share its schema).
 *
 * <p>Versioning: the major version is part of the type ({@code .v1}). Within a version only optional fields, and values of
 * open enums, may be added; anything else (removing or renaming a field, changing its meaning or type, making it required,
 * adding a value to a closed enum) is a new type ({@code .v2}) that producers publish beside the old one until every consumer
 * has moved. See docs/events.md.
 */
public enum EventType {

    /** A configuration was created or changed (config-service). */
    CONFIGURATION_PUBLISHED("io.ehrconnector.configuration.published.v1", Topics.CONFIGURATIONS,
            ConfigurationSnapshot.class, "configuration-published.v1.json"),

    /** SIU^S12: an appointment was booked (hl7-ingest-service). */
    APPOINTMENT_SCHEDULED("io.ehrconnector.appointment.scheduled.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),
    /** SIU^S13: an appointment was moved to another time. */
    APPOINTMENT_RESCHEDULED("io.ehrconnector.appointment.rescheduled.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),
    /** SIU^S14: an appointment was changed otherwise (providers, department, phone numbers, language). */
    APPOINTMENT_UPDATED("io.ehrconnector.appointment.updated.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),
    /** SIU^S15: an appointment was cancelled. */
    APPOINTMENT_CANCELLED("io.ehrconnector.appointment.cancelled.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),
    /** SIU^S17: an appointment was deleted (entered in error). */
    APPOINTMENT_DELETED("io.ehrconnector.appointment.deleted.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),
    /** SIU^S26: the patient did not show up. */
    APPOINTMENT_NO_SHOW("io.ehrconnector.appointment.no-show.v1", Topics.APPOINTMENTS, AppointmentEvent.class,
            Schemas.APPOINTMENT),

    /** Someone entered a visit through the connector (launch-service). */
    VISIT_LAUNCHED("io.ehrconnector.visit.launched.v1", Topics.VISIT_LAUNCHES, VisitLaunched.class,
            "visit-launched.v1.json"),
    /** The device-test page reported its checks (launch-service). */
    DEVICE_TEST_REPORTED("io.ehrconnector.device-test.reported.v1", Topics.VISIT_LAUNCHES, DeviceTestReported.class,
            "device-test-reported.v1.json"),

    /** A participant joined a visit's meeting (launch-service, from Graph). */
    PARTICIPANT_CONNECTED("io.ehrconnector.participant.connected.v1", Topics.VISIT_PARTICIPANTS, ParticipantPresence.class,
            Schemas.PARTICIPANT_PRESENCE),
    /** A participant left a visit's meeting (launch-service, from Graph). */
    PARTICIPANT_DISCONNECTED("io.ehrconnector.participant.disconnected.v1", Topics.VISIT_PARTICIPANTS,
            ParticipantPresence.class, Schemas.PARTICIPANT_PRESENCE),

    /** Teams made the call record of a visit meeting's call: media quality per participant (launch-service, from Graph). */
    CALL_QUALITY_REPORTED("io.ehrconnector.call-quality.reported.v1", Topics.CALL_QUALITY, CallQualityReported.class,
            "call-quality-reported.v1.json"),

    /** An SMS was not sent, sent, delivered or failed (sms-service). */
    SMS_DELIVERY_REPORTED("io.ehrconnector.sms.delivery-reported.v1", Topics.SMS_DELIVERIES, SmsDelivery.class,
            "sms-delivery.v1.json"),

    /** The connector's signing keys of an environment changed (config-service); private keys sealed. */
    CONNECTOR_KEYS_PUBLISHED("io.ehrconnector.connector-keys.published.v1", Topics.CONNECTOR_KEYS, ConnectorKeyRing.class,
            "connector-keys-published.v1.json");

    private static final String SCHEMA_BASE = "urn:ehrconnector:schema:";

    private final String type;
    private final String topic;
    private final Class<?> dataType;
    private final String schemaFile;

    EventType(String type, String topic, Class<?> dataType, String schemaFile) {
        this.type = type;
        this.topic = topic;
        this.dataType = dataType;
        this.schemaFile = schemaFile;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The topic this event type is published on. */
    public String topic() {
        return topic;
    }

    /** The record class of the event's {@code data}. */
    public Class<?> dataType() {
        return dataType;
    }

    /** The CloudEvents {@code dataschema} attribute, also the {@code $id} of the schema. */
    public URI dataschema() {
        return URI.create(SCHEMA_BASE + schemaFile);
    }

    /** Classpath location of the JSON schema of the data. */
    public String schemaResource() {
        return "schemas/" + schemaFile;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    /** Schema files shared by several types (an enum constant cannot refer to the enum's own static fields). */
    private static final class Schemas {
        static final String APPOINTMENT = "appointment.v1.json";
        static final String PARTICIPANT_PRESENCE = "participant-presence.v1.json";
    }
}
