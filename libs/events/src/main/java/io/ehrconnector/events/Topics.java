package io.ehrconnector.events;

import java.util.List;

/**
 * Kafka topic names of the suite. Every producer, consumer and Helm value refers to these constants; docs/events.md lists them
 * with their keys, retention and the services on each side.
 */
public final class Topics {

    /** Approved configuration snapshots, key = configuration id, compacted (latest snapshot per configuration wins). */
    public static final String CONFIGURATIONS = "ehrconnector.configurations";
    /** Appointment lifecycle from HL7v2 SIU, key = {@link #visitKey} (keeps one appointment's events in order). */
    public static final String APPOINTMENTS = "ehrconnector.appointments";
    /** Visit launches (provider, patient, group, SMS link, device test) and device-test reports, key = {@link #visitKey}. */
    public static final String VISIT_LAUNCHES = "ehrconnector.visit-launches";
    /** Participant connect/disconnect: the documented public stream for audit consumers, key = {@link #visitKey}. */
    public static final String VISIT_PARTICIPANTS = "ehrconnector.visit-participants";
    /** Media quality per participant of each call of a visit's meeting, from Graph call records, key = {@link #visitKey}. */
    public static final String CALL_QUALITY = "ehrconnector.call-quality";
    /** SMS send results and delivery reports, key = {@link #visitKey}. */
    public static final String SMS_DELIVERIES = "ehrconnector.sms-deliveries";
    /**
     * The connector's signing key ring per Epic environment (private keys sealed under the master key), key = environment name
     * ({@code TEST}, {@code PRODUCTION}), compacted (latest ring per environment wins).
     */
    public static final String CONNECTOR_KEYS = "ehrconnector.connector-keys";

    /** Every event topic above (not their dead-letter topics), e.g. to create them. */
    public static final List<String> ALL = List.of(CONFIGURATIONS, APPOINTMENTS, VISIT_LAUNCHES, VISIT_PARTICIPANTS,
            CALL_QUALITY, SMS_DELIVERIES, CONNECTOR_KEYS);

    /**
     * Prefix of the dead-letter topic that belongs to each topic above: records a consumer could not process, forwarded
     * unchanged with the reason in the {@code dead-letter-reason} header (SmallRye Reactive Messaging's dead-letter queue,
     * whose default name this is, so no channel needs configuring).
     */
    public static final String DEAD_LETTER_PREFIX = "dead-letter-topic-";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetterOf(String topic) {
        return DEAD_LETTER_PREFIX + topic;
    }

    /**
     * The record key used by every visit-scoped topic: {@code configurationId + "/" + appointmentId}, so all events of one
     * appointment land on one partition in order. An event that belongs to no appointment (a device test started outside a
     * visit) is keyed by the configuration id alone.
     */
    public static String visitKey(String configurationId, String appointmentId) {
        return appointmentId == null ? configurationId : configurationId + "/" + appointmentId;
    }
}
