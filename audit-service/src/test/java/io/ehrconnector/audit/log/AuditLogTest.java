package io.ehrconnector.audit.log;

import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events of the real topics become audit rows once each, with the tenant of their configuration, and the query API shows a
 * tenant its own rows only.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class AuditLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Not an EHR anyone writes to: these configurations' writes just wait in the queue. */
    private static final String NO_EHR = "https://ehr.invalid/api/FHIR/R4";
    private static KafkaTestClient kafka;

    @InjectStandIn
    EntraIdStandIn entra;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void eventsOfEveryAuditedTopicAreRecordedWithTheirTenantAndIdsOnly() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String appointment = AuditFixtures.appointmentId();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        CloudEvent<ParticipantPresence> connected = AuditFixtures.send(kafka, AuditFixtures.presence(
                EventType.PARTICIPANT_CONNECTED, contoso.configurationId(), appointment, "p-" + UUID.randomUUID(),
                Role.PROVIDER, at));
        var sms = AuditFixtures.send(kafka, AuditFixtures.smsSent(contoso.configurationId(), appointment, at.minusDays(1)));
        var deviceTest = AuditFixtures.send(kafka, AuditFixtures.deviceTest(contoso.configurationId(), appointment,
                io.ehrconnector.events.DeviceTestReported.DeviceCheck.PERMISSION_DENIED, at.minusMinutes(2)));
        awaitRecorded(connected.id(), sms.id(), deviceTest.id());

        Map<String, Object> row = ServiceDatabase.query("select * from audit_event where event_id = ?", connected.id()).get(0);
        assertEquals(EntraDirectory.CONTOSO.id(), row.get("tenant_id"));
        assertEquals("PROVIDER", row.get("role"));
        assertEquals(appointment, row.get("appointment_id"));
        assertEquals(connected.data().ehrUserId(), row.get("ehr_user_id"));

        analyst(EntraDirectory.CONTOSO_ANALYST, "appointmentId", appointment, at.minusDays(2), at.plusHours(1))
                .statusCode(200)
                .body("truncated", equalTo(false))
                .body("events.eventId", contains(sms.id(), deviceTest.id(), connected.id()))
                .body("events.type", contains(EventType.SMS_DELIVERY_REPORTED.type(), EventType.DEVICE_TEST_REPORTED.type(),
                        EventType.PARTICIPANT_CONNECTED.type()))
                .body("events[0].detail.outcome", equalTo("SENT"))
                .body("events[0].detail.providerMessageId", nullValue())
                .body("events[1].detail.camera", equalTo("PERMISSION_DENIED"))
                .body("events[2].role", equalTo("PROVIDER"))
                .body("events[2].participantId", equalTo(connected.data().participantId()));
    }

    @Test
    void theSameEventTwiceIsRecordedAndQueuedOnce() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String appointment = AuditFixtures.appointmentId();
        CloudEvent<ParticipantPresence> connected = AuditFixtures.presence(EventType.PARTICIPANT_CONNECTED,
                contoso.configurationId(), appointment, "p-" + UUID.randomUUID(), Role.PATIENT,
                OffsetDateTime.now(ZoneOffset.UTC));
        AuditFixtures.send(kafka, connected);
        AuditFixtures.send(kafka, connected);
        // A later event of the same visit (same partition) is processed after both copies.
        CloudEvent<ParticipantPresence> later = AuditFixtures.send(kafka, AuditFixtures.presence(
                EventType.PARTICIPANT_DISCONNECTED, contoso.configurationId(), appointment,
                connected.data().participantId(), Role.PATIENT, OffsetDateTime.now(ZoneOffset.UTC)));
        awaitRecorded(later.id());

        assertEquals(1L, count("select count(*) from audit_event where event_id = ?", connected.id()));
        assertEquals(1L, count("select count(*) from ehr_write where event_id = ?", connected.id()));
        assertEquals(2L, count("select count(*) from audit_event where appointment_id = ?", appointment));
    }

    @Test
    void anotherTenantSeesNothingOfThisTenantsVisitsAndNotItsConfigurations() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String appointment = AuditFixtures.appointmentId();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        var connected = AuditFixtures.send(kafka, AuditFixtures.presence(EventType.PARTICIPANT_CONNECTED,
                contoso.configurationId(), appointment, "p-" + UUID.randomUUID(), Role.GUEST, at));
        awaitRecorded(connected.id());

        analyst(EntraDirectory.CONTOSO_ADMIN, "configurationId", contoso.configurationId(), at.minusHours(1),
                at.plusHours(1)).statusCode(200).body("events.eventId", hasItem(connected.id()));
        analyst(EntraDirectory.FABRIKAM_ANALYST, "appointmentId", appointment, at.minusHours(1), at.plusHours(1))
                .statusCode(200).body("events", empty());
        analyst(EntraDirectory.FABRIKAM_ADMIN, "configurationId", contoso.configurationId(), at.minusHours(1),
                at.plusHours(1))
                .statusCode(404)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("https://ehr-connector.io/problems/configuration-not-found"));
    }

    @Test
    void onlyAdminsAndAnalystsWithAVerifiedTokenMayRead() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        given().queryParam("appointmentId", "1").queryParam("from", now.minusHours(1).toString())
                .queryParam("to", now.toString())
                .when().get("/audit/events").then().statusCode(401);
        analyst(EntraDirectory.CONTOSO_PROVIDER, "appointmentId", "1", now.minusHours(1), now).statusCode(403);
    }

    @Test
    void badParametersAreAProblemNamingThem() {
        String token = token(EntraDirectory.CONTOSO_ANALYST);
        given().auth().oauth2(token).queryParam("configurationId", "not-a-uuid").queryParam("from", "yesterday")
                .queryParam("to", "2026-03-02T09:00:00-06:00").queryParam("limit", "0")
                .when().get("/audit/events").then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("https://ehr-connector.io/problems/invalid-audit-query"))
                .body("errors.field", containsInAnyOrder("configurationId", "from", "limit"));
        given().auth().oauth2(token).queryParam("from", "2026-03-02T09:00:00Z").queryParam("to", "2026-05-02T09:00:00Z")
                .when().get("/audit/events").then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("appointmentId", "to"));
        given().auth().oauth2(token).queryParam("appointmentId", "1").queryParam("from", "2026-03-02T09:00:00Z")
                .queryParam("to", "2026-03-02T08:00:00Z")
                .when().get("/audit/events").then()
                .statusCode(400)
                .body("errors.field", contains("to"));
    }

    @Test
    void anEventOfAConfigurationNeverPublishedIsDeadLetteredAfterRetries() {
        String unknown = UUID.randomUUID().toString();
        CloudEvent<ParticipantPresence> orphan = AuditFixtures.send(kafka, AuditFixtures.presence(
                EventType.PARTICIPANT_CONNECTED, unknown, AuditFixtures.appointmentId(), "p-" + UUID.randomUUID(),
                Role.PATIENT, OffsetDateTime.now(ZoneOffset.UTC)));

        ConsumerRecord<String, String> deadLetter = kafka.awaitRecord(Topics.deadLetterOf(Topics.VISIT_PARTICIPANTS),
                        r -> r.value() != null && r.value().contains(orphan.id())
                                && KafkaTestClient.header(r, DeadLetter.REASON_HEADER) != null
                                && KafkaTestClient.header(r, DeadLetter.REASON_HEADER).contains("audit-log"),
                        WAIT)
                .orElseThrow(() -> new AssertionError("no dead letter for the orphan event"));
        String reason = KafkaTestClient.header(deadLetter, DeadLetter.REASON_HEADER);
        assertTrue(reason.contains("UnknownConfigurationException"), reason);
        assertEquals(0L, count("select count(*) from audit_event where event_id = ?", orphan.id()));
    }

    private ValidatableResponse analyst(EntraUser user, String by, String value, OffsetDateTime from, OffsetDateTime to) {
        return given().auth().oauth2(token(user)).queryParam(by, value).queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when().get("/audit/events").then();
    }

    private String token(EntraUser user) {
        return entra.issueUserAccessToken(user, "ehr-connector", "ehr-connector");
    }

    private static void awaitRecorded(String... eventIds) {
        for (String id : eventIds) {
            await().atMost(WAIT).until(() -> count("select count(*) from audit_event where event_id = ?", id) == 1L);
        }
    }

    private static long count(String sql, Object... params) {
        return ((Number) ServiceDatabase.value(sql, params)).longValue();
    }
}
