package io.ehrconnector.audit.writeback;

import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.ConnectionStatusCall;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A configuration that chose Epic's telehealth connection status gets each connect and disconnect as a
 * SetExternalConnectionStatus call on its Interconnect instance, with the backend token and Epic-Client-ID, in order, and no
 * AuditEvent; device tests are settled without a call; a FHIR base URL that is not Epic's is given up, not guessed at.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class EpicConnectionStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaTestClient kafka;

    @InjectStandIn
    EhrStandIn ehr;

    @ConfigProperty(name = "ehr.connector.test.backend-client-id")
    String backendClientId;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void connectorKnownToTheEhr() {
        AuditFixtures.connectorKnownToTheEhr(kafka, ehr, backendClientId);
    }

    @Test
    void connectsAndDisconnectsBecomeConnectionStatusCallsInOrder() {
        // An Epic-style instance prefix, as on a real Interconnect: the call must go to that instance.
        String fhirBase = ehr.baseUrl() + "/interconnect-tst-oauth" + EhrStandIn.FHIR_PATH;
        ConfigurationSnapshot configuration = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(),
                fhirBase, EhrWriteBack.EPIC_CONNECTION_STATUS);
        String appointment = AuditFixtures.appointmentId();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        String provider = "prov-" + UUID.randomUUID();
        String patient = "pat-" + UUID.randomUUID();
        CloudEvent<ParticipantPresence> providerJoined = AuditFixtures.send(kafka, AuditFixtures.presence(
                EventType.PARTICIPANT_CONNECTED, configuration.configurationId(), appointment, provider, Role.PROVIDER, at));
        AuditFixtures.send(kafka, AuditFixtures.presence(EventType.PARTICIPANT_CONNECTED, configuration.configurationId(),
                appointment, patient, Role.PATIENT, at.plusSeconds(5)));
        CloudEvent<DeviceTestReported> deviceTest = AuditFixtures.send(kafka, AuditFixtures.deviceTest(
                configuration.configurationId(), appointment, DeviceTestReported.DeviceCheck.PASSED, at.plusSeconds(6)));
        AuditFixtures.send(kafka, AuditFixtures.presence(EventType.PARTICIPANT_DISCONNECTED, configuration.configurationId(),
                appointment, patient, Role.PATIENT, at.plusSeconds(60)));

        await().atMost(WAIT).until(() -> callsOf(appointment).size() == 3);
        List<ConnectionStatusCall> calls = callsOf(appointment);
        assertEquals(List.of(providerJoined.data().ehrUserId(), patient, patient),
                calls.stream().map(ConnectionStatusCall::externalId).toList(), "the provider by EHR user id, in order");
        assertEquals(List.of("1", "2", "2"), calls.stream().map(ConnectionStatusCall::externalIdType).toList());
        assertEquals(List.of("1", "1", "2"), calls.stream().map(ConnectionStatusCall::connectionStatus).toList());
        for (ConnectionStatusCall call : calls) {
            assertEquals(backendClientId, call.clientId(), "Epic-Client-ID");
            assertEquals(backendClientId, call.tokenClientId(), "a SMART Backend Services token of the connector's app");
            assertEquals("ehr-connector", call.vendorName());
        }
        assertTrue(ehr.writes().stream().noneMatch(write -> write.body().contains(appointment)),
                "no AuditEvent for a configuration that chose the Epic call");
        await().atMost(WAIT).until(() -> number("select count(*) from ehr_write where event_id = ?"
                + " and written_at is not null", deviceTest.id()) == 1L);
        assertNull(ServiceDatabase.value("select resource_id from ehr_write where event_id = ?", deviceTest.id()),
                "the device test is settled without a call");
    }

    @Test
    void aFhirBaseUrlThatIsNotEpicsIsGivenUp() {
        ConfigurationSnapshot configuration = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(),
                ehr.baseUrl() + "/fhir/r4", EhrWriteBack.EPIC_CONNECTION_STATUS);
        CloudEvent<ParticipantPresence> joined = AuditFixtures.send(kafka, AuditFixtures.presence(
                EventType.PARTICIPANT_CONNECTED, configuration.configurationId(), AuditFixtures.appointmentId(),
                "p-" + UUID.randomUUID(), Role.GUEST, OffsetDateTime.now(ZoneOffset.UTC)));

        await().atMost(WAIT).until(() -> number("select count(*) from ehr_write where event_id = ? and parked_at is not null",
                joined.id()) == 1L);
        assertTrue(String.valueOf(ServiceDatabase.value("select last_error from ehr_write where event_id = ?", joined.id()))
                .contains("not an Epic FHIR base URL"));
    }

    private List<ConnectionStatusCall> callsOf(String appointment) {
        return ehr.connectionStatusCalls().stream().filter(call -> appointment.equals(call.conferenceId())).toList();
    }

    private static long number(String sql, Object... params) {
        Object value = ServiceDatabase.value(sql, params);
        return value == null ? -1 : ((Number) value).longValue();
    }
}
