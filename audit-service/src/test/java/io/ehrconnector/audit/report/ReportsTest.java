package io.ehrconnector.audit.report;

import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.audit.ReportTestSupport;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Visit reports from events on the real topics: a visit shows up while it happens and its figures follow its joins and
 * leaves; the EHR's no-shows and cancellations count as such; summaries, CSV and the report pages show the caller's tenant
 * only.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class ReportsTest extends ReportTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NO_EHR = "https://ehr.invalid/api/FHIR/R4";

    @Test
    void aVisitShowsUpWhileItHappensAndItsFiguresFollowJoinsAndLeaves() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String configurationId = contoso.configurationId();
        String appointment = AuditFixtures.appointmentId();
        String department = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusMinutes(10);
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, configurationId, appointment,
                AppointmentEvent.Status.BOOKED, department, start, start.minusDays(1)));
        AuditFixtures.send(kafka, AuditFixtures.smsSent(configurationId, appointment, start.minusDays(1)));

        Visit scheduled = awaitVisit(department, visit -> "SCHEDULED".equals(visit.getString("status"))
                && visit.getInt("smsSent") == 1);
        assertEquals(appointment, scheduled.getString("appointmentId"));
        assertEquals("TEST", scheduled.getString("environment"));

        String patient = "patient-" + UUID.randomUUID();
        String provider = "provider-" + UUID.randomUUID();
        presence(EventType.PARTICIPANT_CONNECTED, configurationId, appointment, patient, Role.PATIENT, start.plusMinutes(1));
        awaitVisit(department, visit -> "WAITING".equals(visit.getString("status")));

        presence(EventType.PARTICIPANT_CONNECTED, configurationId, appointment, provider, Role.PROVIDER, start.plusMinutes(6));
        Visit inProgress = awaitVisit(department, visit -> "IN_PROGRESS".equals(visit.getString("status")));
        assertEquals(300, inProgress.getInt("lobbyWaitSeconds"));
        assertEquals(2, inProgress.getInt("presentNow"));
        assertNull(inProgress.get("durationSeconds"));

        presence(EventType.PARTICIPANT_DISCONNECTED, configurationId, appointment, provider, Role.PROVIDER,
                start.plusMinutes(20));
        presence(EventType.PARTICIPANT_DISCONNECTED, configurationId, appointment, patient, Role.PATIENT,
                start.plusMinutes(21));
        Visit completed = awaitVisit(department, visit -> "COMPLETED".equals(visit.getString("status")));
        assertEquals(15 * 60, completed.getInt("durationSeconds"));
        assertEquals(2, completed.getInt("peakAttendees"));
        assertEquals(start.plusMinutes(6).toInstant(), OffsetDateTime.parse(completed.getString("startedAt")).toInstant());
        assertEquals(department, completed.getString("departmentId"));
    }

    @Test
    void noShowsAndCancellationsFromTheEhrCountAsSuchInTheSummary() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String configurationId = contoso.configurationId();
        String department = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).minusHours(1);
        String noShow = AuditFixtures.appointmentId();
        String cancelled = AuditFixtures.appointmentId();
        String completed = AuditFixtures.appointmentId();
        OffsetDateTime booked = start.minusDays(2);
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, configurationId, noShow,
                AppointmentEvent.Status.BOOKED, department, start, booked));
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_NO_SHOW, configurationId, noShow,
                AppointmentEvent.Status.NO_SHOW, null, start, start.plusMinutes(40)));
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_CANCELLED, configurationId, cancelled,
                AppointmentEvent.Status.CANCELLED, department, start, booked));
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, configurationId, completed,
                AppointmentEvent.Status.BOOKED, department, start, booked));
        presence(EventType.PARTICIPANT_CONNECTED, configurationId, completed, "pat", Role.PATIENT, start.plusSeconds(30));
        presence(EventType.PARTICIPANT_CONNECTED, configurationId, completed, "doc", Role.PROVIDER, start.plusSeconds(150));
        presence(EventType.PARTICIPANT_DISCONNECTED, configurationId, completed, "doc", Role.PROVIDER, start.plusMinutes(12));
        presence(EventType.PARTICIPANT_DISCONNECTED, configurationId, completed, "pat", Role.PATIENT, start.plusMinutes(12));

        LocalDate day = start.toLocalDate();
        await().atMost(WAIT).untilAsserted(() -> api(EntraDirectory.CONTOSO_ANALYST)
                .queryParams(range(day)).queryParam("department", department).get("/audit/reports/summary").then()
                .statusCode(200)
                .body("totals.NO_SHOW", equalTo(1))
                .body("totals.CANCELLED", equalTo(1))
                .body("totals.COMPLETED", equalTo(1))
                .body("lobbyWait.startedVisits", equalTo(1))
                .body("lobbyWait.medianSeconds", equalTo(120.0f))
                .body("lobbyWait.buckets[1].fromSeconds", equalTo(60))
                .body("lobbyWait.buckets[1].visits", equalTo(0))
                .body("lobbyWait.buckets[2].fromSeconds", equalTo(120))
                .body("lobbyWait.buckets[2].visits", equalTo(1))
                .body("medianDurationSeconds", equalTo(570.0f)));

        JsonPath days = api(EntraDirectory.CONTOSO_ANALYST).queryParam("from", day.minusDays(1).toString())
                .queryParam("to", day.plusDays(1).toString()).queryParam("department", department)
                .get("/audit/reports/summary").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(day.minusDays(1).toString(), day.toString(), day.plusDays(1).toString()),
                days.getList("days.day"), "every day of the range, also without visits");
        assertEquals(List.of(0, 3, 0), days.getList("days.total"));

        api(EntraDirectory.CONTOSO_ANALYST).queryParams(range(day)).queryParam("department", department)
                .queryParam("status", "no_show").get("/audit/reports/visits").then().statusCode(200)
                .body("appointmentId", equalTo(List.of(noShow)));
    }

    @Test
    void theCsvExportHasAHeaderAndOneRowPerVisit() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String department = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String appointment = AuditFixtures.appointmentId();
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, contoso.configurationId(),
                appointment, AppointmentEvent.Status.BOOKED, department, start, start.minusHours(2)));
        awaitVisit(department, visit -> true);

        Response csv = api(EntraDirectory.CONTOSO_ADMIN).queryParams(range(start.toLocalDate()))
                .queryParam("department", department).get("/audit/reports/visits.csv");

        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").contains("visits-" + start.toLocalDate()), csv.header("Content-Disposition"));
        String[] lines = csv.asString().split("\r\n");
        assertEquals(2, lines.length, csv.asString());
        assertEquals(VisitReportCsv.header().strip(), lines[0]);
        assertTrue(lines[1].startsWith(appointment + "," + contoso.configurationId() + ",TEST," + department + ","
                + start.toInstant() + ","), lines[1]);
    }

    @Test
    void aCallerSeesItsOwnTenantsVisitsOnlyAndNeedsARole() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String department = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, contoso.configurationId(),
                AuditFixtures.appointmentId(), AppointmentEvent.Status.BOOKED, department, start, start.minusHours(1)));
        awaitVisit(department, visit -> true);
        Map<String, String> range = range(start.toLocalDate());

        api(EntraDirectory.FABRIKAM_ADMIN).queryParams(range).queryParam("department", department)
                .get("/audit/reports/visits").then().statusCode(200).body("size()", equalTo(0));
        api(EntraDirectory.FABRIKAM_ADMIN).queryParams(range).queryParam("configurationId", contoso.configurationId())
                .get("/audit/reports/summary").then().statusCode(200).body("lobbyWait.startedVisits", equalTo(0))
                .body("totals.size()", equalTo(0));
        assertEquals(1, api(EntraDirectory.FABRIKAM_ADMIN).queryParams(range).queryParam("department", department)
                .get("/audit/reports/visits.csv").asString().split("\r\n").length, "the header only");
        api(EntraDirectory.CONTOSO_PROVIDER).queryParams(range).get("/audit/reports/visits").then().statusCode(403);
        given().queryParams(range).get("/audit/reports/visits").then().statusCode(401);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameters() {
        api(EntraDirectory.CONTOSO_ANALYST).queryParam("from", "2026-03-05").queryParam("to", "2026-03-01")
                .queryParam("zone", "Mars/Olympus").queryParam("status", "lost").queryParam("environment", "staging")
                .queryParam("department", "<script>").queryParam("limit", "100000")
                .get("/audit/reports/visits").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ehr-connector.io/problems/invalid-report-query"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("to", "zone", "status", "environment",
                        "department", "limit"));
        api(EntraDirectory.CONTOSO_ANALYST).queryParam("from", "2025-01-01").queryParam("to", "2026-03-01")
                .get("/audit/reports/summary").then().statusCode(400).body("errors.field", hasItem("to"));
    }

    @Test
    void theReportPageShowsTheTenantsVisitsAndItsLivePartRefreshes() {
        ConfigurationSnapshot contoso = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR);
        String department = "DEP-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        String appointment = AuditFixtures.appointmentId();
        AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, contoso.configurationId(),
                appointment, AppointmentEvent.Status.BOOKED, department, start.plusHours(2), start.minusHours(1)));
        awaitVisit(department, visit -> true);
        String filters = "?from=" + start.toLocalDate() + "&to=" + start.toLocalDate().plusDays(1) + "&department=" + department;

        Response anonymous = new PortalSession(app).get("/reports");
        assertEquals(302, anonymous.statusCode());
        assertTrue(anonymous.getHeader("Location").startsWith(entra.baseUrl()), anonymous.getHeader("Location"));
        assertTrue(anonymous.getHeader("Location").contains("code_challenge"), "PKCE on the sign-in redirect");

        PortalSession analyst = signedIn(EntraDirectory.CONTOSO_ANALYST);
        Response page = analyst.open("/reports" + filters);
        assertEquals(200, page.statusCode(), page.asString());
        assertTrue(page.asString().contains("<td>" + appointment + "</td>"), page.asString());
        String policy = page.getHeader("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'") && policy.contains("script-src 'nonce-"), policy);
        assertTrue(page.asString().contains("<script nonce=\""), "the refresh script carries the nonce");

        Response live = analyst.get("/reports/live" + filters);
        assertEquals(200, live.statusCode());
        assertTrue(live.asString().contains("<td>" + appointment + "</td>"));
        assertFalse(live.asString().contains("<html"), "only the part that changes");
        Response csv = analyst.get("/reports/visits.csv" + filters);
        assertTrue(csv.asString().contains(appointment + "," + contoso.configurationId()), csv.asString());

        Response badFilters = analyst.open("/reports?from=last-week&to=" + start.toLocalDate() + "&status=lost");
        assertEquals(400, badFilters.statusCode());
        assertTrue(badFilters.getContentType().startsWith("text/html"), badFilters.getContentType());
        assertTrue(badFilters.asString().contains("<strong>from</strong>")
                && badFilters.asString().contains("<strong>status</strong>"), badFilters.asString());
        assertFalse(badFilters.asString().contains("last-week"), "the page does not repeat what was sent");
        assertTrue(badFilters.getHeader("Content-Security-Policy").startsWith("default-src 'none'"));

        PortalSession otherTenant = signedIn(EntraDirectory.FABRIKAM_ANALYST);
        Response theirs = otherTenant.open("/reports" + filters);
        assertEquals(200, theirs.statusCode());
        assertFalse(theirs.asString().contains(appointment));
        assertEquals(403, signedIn(EntraDirectory.CONTOSO_PROVIDER).open("/reports").statusCode());
    }

    private static void presence(EventType type, String configurationId, String appointment, String participant, Role role,
                                 OffsetDateTime at) {
        AuditFixtures.send(kafka, AuditFixtures.presence(type, configurationId, appointment, participant, role, at));
    }

    /** Waits until the department's one visit satisfies {@code condition}; returns it. */
    private Visit awaitVisit(String department, Predicate<Visit> condition) {
        Visit[] found = new Visit[1];
        await().atMost(WAIT).until(() -> {
            JsonPath visits = api(EntraDirectory.CONTOSO_ANALYST)
                    .queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(3).toString())
                    .queryParam("to", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString())
                    .queryParam("department", department).get("/audit/reports/visits").then().statusCode(200)
                    .extract().jsonPath();
            if (visits.getList("$").size() != 1) {
                return false;
            }
            found[0] = new Visit(visits.getMap("[0]"));
            return condition.test(found[0]);
        });
        return found[0];
    }

    /** One visit of the JSON answer. */
    private record Visit(Map<String, Object> fields) {
        String getString(String name) {
            Object value = fields.get(name);
            return value == null ? null : value.toString();
        }

        int getInt(String name) {
            return ((Number) fields.get(name)).intValue();
        }

        Object get(String name) {
            return fields.get(name);
        }
    }

    private static Map<String, String> range(LocalDate day) {
        return Map.of("from", day.toString(), "to", day.toString());
    }
}
