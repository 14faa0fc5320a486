package io.ehrconnector.audit;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.keys.TestKeyRings;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events as launch-service and sms-service publish them, and configurations as config-service does, for audit tests. */
public final class AuditFixtures {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000);

    private AuditFixtures() {
    }

    /** An approved TEST configuration of {@code tenantId} at {@code fhirBaseUrl}, stored by audit-service. */
    public static ConfigurationSnapshot approvedConfiguration(KafkaTestClient kafka, String tenantId, String fhirBaseUrl) {
        return approvedConfiguration(kafka, tenantId, fhirBaseUrl, ConfigurationSnapshot.EhrWriteBack.FHIR_AUDIT_EVENT);
    }

    /** The same, writing back as {@code writeBack}. */
    public static ConfigurationSnapshot approvedConfiguration(KafkaTestClient kafka, String tenantId, String fhirBaseUrl,
                                                              ConfigurationSnapshot.EhrWriteBack writeBack) {
        String id = UUID.randomUUID().toString();
        return ApprovedConfigurationFixture.publish(kafka, new ConfigurationSnapshot(id, tenantId, Environment.TEST,
                fhirBaseUrl, ConfigurationSnapshot.Status.APPROVED, VERSIONS.incrementAndGet(), "Northwind Health",
                "America/Chicago", null, List.of(), OffsetDateTime.now(ZoneOffset.UTC), writeBack));
    }

    /** A connect or disconnect with the id launch-service gives it (one per join and direction). */
    public static CloudEvent<ParticipantPresence> presence(EventType type, String configurationId, String appointmentId,
                                                           String participantId, Role role, OffsetDateTime at) {
        ParticipantPresence data = new ParticipantPresence(configurationId, appointmentId, "meeting-" + appointmentId,
                participantId, role, role == Role.PROVIDER ? "E" + participantId.hashCode() : null, at);
        return CloudEvent.of(type, CloudEvent.deterministicId(type, configurationId, appointmentId, participantId),
                CloudEvent.serviceSource("launch-service"), Topics.visitKey(configurationId, appointmentId), at, data);
    }

    public static CloudEvent<DeviceTestReported> deviceTest(String configurationId, String appointmentId,
                                                            DeviceTestReported.DeviceCheck camera, OffsetDateTime at) {
        DeviceTestReported data = new DeviceTestReported(configurationId, appointmentId, camera,
                DeviceTestReported.DeviceCheck.PASSED, DeviceTestReported.DeviceCheck.PASSED,
                DeviceTestReported.BrowserCheck.SUPPORTED, at);
        return CloudEvent.of(EventType.DEVICE_TEST_REPORTED, CloudEvent.serviceSource("launch-service"),
                Topics.visitKey(configurationId, appointmentId), at, data);
    }

    public static CloudEvent<SmsDelivery> smsSent(String configurationId, String appointmentId, OffsetDateTime at) {
        SmsDelivery data = new SmsDelivery(configurationId, appointmentId, SmsDelivery.MessageType.CONFIRMATION_SCHEDULED,
                null, SmsDelivery.Outcome.SENT, null, "acs-" + UUID.randomUUID(), at);
        return CloudEvent.of(EventType.SMS_DELIVERY_REPORTED, CloudEvent.serviceSource("sms-service"),
                Topics.visitKey(configurationId, appointmentId), at, data);
    }

    /** A scheduling message's event as hl7-ingest-service publishes it (no phone numbers: audit-service ignores them). */
    public static CloudEvent<AppointmentEvent> appointment(EventType type, String configurationId, String appointmentId,
                                                           AppointmentEvent.Status status, String departmentId,
                                                           OffsetDateTime start, OffsetDateTime publishedAt) {
        AppointmentEvent data = new AppointmentEvent(configurationId, appointmentId, start, start.plusMinutes(30), status,
                departmentId, List.of("PROV-1"), List.of(), "en", "MSG" + UUID.randomUUID(), "EPIC", "NORTHWIND");
        return CloudEvent.of(type, CloudEvent.serviceSource("hl7-ingest-service"),
                Topics.visitKey(configurationId, appointmentId), publishedAt, data);
    }

    /**
     * A fresh TEST key ring, registered with the EHR as the key of the connector's Backend Services app (Epic reads it from
     * the JWK Set URL) and published as config-service does; returns once audit-service holds it.
     */
    public static void connectorKnownToTheEhr(KafkaTestClient kafka, EhrStandIn ehr, String backendClientId) {
        ConnectorKeyRing ring = TestKeyRings.activeOnly(Environment.TEST, TestKeyRings.newKey());
        ehr.registerClient(RegisteredClient.of(backendClientId,
                ClientAuthentication.privateKeyJwt(TestKeyRings.publicKeys(ring))));
        TestKeyRings.publish(kafka, ring);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ServiceDatabase.value(
                "select version from connector_key_ring where environment = 'TEST'") instanceof Number version
                && version.longValue() == ring.version());
    }

    /** Sends {@code event} keyed by its subject, as its producer does. */
    public static <T> CloudEvent<T> send(KafkaTestClient kafka, CloudEvent<T> event) {
        kafka.send(event.subject(), event);
        return event;
    }

    public static String appointmentId() {
        return "10" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    }
}
