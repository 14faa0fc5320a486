package io.ehrconnector.audit.quality;

import io.ehrconnector.audit.AuditFixtures;
import io.ehrconnector.audit.ReportTestSupport;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.ehrconnector.audit.quality.CallQualityEvents.goodProvider;
import static io.ehrconnector.audit.quality.CallQualityEvents.poorPatient;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call quality in the reports: the visit rows' summary, the per-visit detail with its poor figures, the CSV columns and the
 * pages; the caller's own tenant only, admins and analysts only.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class CallQualityReportsTest extends ReportTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NO_EHR = "https://ehr.invalid/api/FHIR/R4";
    private static final OffsetDateTime START = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .minusHours(1);

    /** A visit of Contoso's with two calls: a provider and a poor patient, then the provider alone; and one unmeasured. */
    private record Visits(String configurationId, String department, String measured, String unmeasured) {

        String filters() {
            return "?from=" + START.toLocalDate() + "&to=" + START.toLocalDate() + "&department=" + department;
        }
    }

    @Test
    void theVisitRowSummarisesItsCallsAndTheDetailFlagsEachParticipantsPoorFigures() {
        Visits visits = visits();

        JsonPath rows = visitRows(EntraDirectory.CONTOSO_ANALYST, visits);
        assertEquals(2, rows.getInt("find { it.appointmentId == '" + visits.measured() + "' }.quality.calls"));
        String measured = "find { it.appointmentId == '" + visits.measured() + "' }.quality.";
        assertEquals(3, rows.getInt(measured + "measuredParticipants"));
        assertEquals(1, rows.getInt(measured + "poorParticipants"));
        assertEquals(41.5, rows.getDouble(measured + "worstJitterMs"));
        assertEquals(0.124, rows.getDouble(measured + "worstPacketLossRate"));
        assertEquals(510.0, rows.getDouble(measured + "worstRoundTripMs"));
        assertEquals(29.7, rows.getDouble(measured + "lowestVideoFrameRate"));
        assertNull(rows.get("find { it.appointmentId == '" + visits.unmeasured() + "' }.quality"));

        JsonPath detail = detail(EntraDirectory.CONTOSO_ADMIN, visits.configurationId(), visits.measured()).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(30.0, detail.getDouble("thresholds.audio.maxJitterMs"));
        assertEquals(2.0, detail.getDouble("thresholds.screenSharing.minFrameRate"));
        assertEquals(2, detail.getList("calls").size());
        assertEquals(2, detail(EntraDirectory.CONTOSO_ADMIN, visits.configurationId().toUpperCase(Locale.ROOT),
                visits.measured()).then().statusCode(200).extract().jsonPath().getList("calls").size(),
                "a configuration id in upper case names the same configuration");
        assertEquals(List.of("PROVIDER", "PATIENT"), detail.getList("calls[0].participants.role"), "by role");
        assertEquals(List.of("pat-1", "pat-2"), detail.getList("calls[0].participants[1].participantIds"));
        assertTrue(detail.getBoolean("calls[0].participants[1].poor"));
        assertEquals(List.of("averageJitterMs", "averagePacketLossRate", "averageRoundTripMs"),
                detail.getList("calls[0].participants[1].audio.flagged"));
        assertEquals(41.5, detail.getDouble("calls[0].participants[1].audio.averageJitterMs"));
        assertNull(detail.get("calls[0].participants[1].video"), "no video streams");
        assertFalse(detail.getBoolean("calls[0].participants[0].poor"));
        assertEquals(List.of(), detail.getList("calls[0].participants[0].video.flagged"));
        assertEquals(29.7, detail.getDouble("calls[0].participants[0].video.averageFrameRate"));
        assertEquals(List.of("PROVIDER"), detail.getList("calls[1].participants.role"));
    }

    @Test
    void anotherTenantGetsNoCallsAndOnlyAdminsAndAnalystsGetAny() {
        Visits visits = visits();

        detail(EntraDirectory.FABRIKAM_ADMIN, visits.configurationId(), visits.measured()).then().statusCode(200)
                .body("calls.size()", equalTo(0));
        detail(EntraDirectory.CONTOSO_ANALYST, visits.configurationId(), "no-such-visit").then().statusCode(200)
                .body("calls.size()", equalTo(0));
        assertEquals(0, visitRows(EntraDirectory.FABRIKAM_ADMIN, visits).getList("$").size());
        detail(EntraDirectory.CONTOSO_PROVIDER, visits.configurationId(), visits.measured()).then().statusCode(403);
        given().queryParam("configurationId", visits.configurationId()).queryParam("appointmentId", visits.measured())
                .get("/audit/reports/visits/quality").then().statusCode(401);
        api(EntraDirectory.CONTOSO_ANALYST).queryParam("configurationId", "not-a-uuid")
                .get("/audit/reports/visits/quality").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("configurationId", "appointmentId"));
    }

    @Test
    void theCsvExportHasTheQualityColumnsEmptyForAVisitNotMeasured() {
        Visits visits = visits();

        Response csv = api(EntraDirectory.CONTOSO_ANALYST).get("/audit/reports/visits.csv" + visits.filters());

        List<String> lines = List.of(csv.asString().split("\r\n"));
        assertTrue(lines.getFirst().endsWith(",sms_sent,quality_calls,quality_participants,quality_poor_participants,"
                + "worst_jitter_ms,worst_packet_loss_rate,worst_round_trip_ms,lowest_video_frame_rate"), lines.getFirst());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(visits.measured() + ",")
                && line.endsWith(",2,3,1,41.5,0.124,510,29.7")), csv.asString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(visits.unmeasured() + ",")
                && line.endsWith(",,,,,,,")), csv.asString());
    }

    @Test
    void thePagesShowTheQualityCellAndTheVisitsPageMarksPoorFigures() {
        Visits visits = visits();
        PortalSession analyst = signedIn(EntraDirectory.CONTOSO_ANALYST);

        String table = analyst.open("/reports" + visits.filters()).asString();
        String detailLink = "/reports/quality?configurationId=" + visits.configurationId() + "&amp;appointmentId="
                + visits.measured() + "&amp;zone=Z";
        assertTrue(table.contains("<a href=\"" + detailLink + "\"><span class=\"marker\" aria-hidden=\"true\">&#9888;</span>"
                + " 1 poor</a>"), table);
        assertTrue(table.contains("<td class=\"quality\">not measured</td>"), table);

        Response page = analyst.open("/reports/quality?configurationId=" + visits.configurationId() + "&appointmentId="
                + visits.measured() + "&zone=UTC");
        assertEquals(200, page.statusCode(), page.asString());
        assertTrue(page.getHeader("Content-Security-Policy").startsWith("default-src 'none'"));
        String html = page.asString();
        assertTrue(html.contains("<td>Patient</td><td>pat-1, pat-2</td>"), html);
        assertTrue(html.contains("<td class=\"n poor\"><span aria-hidden=\"true\">&#9888;</span> 41.5 ms"
                + " <span class=\"marker\">poor</span></td>"), html);
        assertTrue(html.contains("&#9888;</span> 12.4 % <span class=\"marker\">poor</span>"), html);
        assertTrue(html.contains("<td class=\"n\">29.7 fps</td>"), "the provider's video is fine");
        assertTrue(html.contains("Audio: average jitter above 30 ms, average packet loss above 10 % or average round trip"
                + " above 500 ms"), html);

        String theirs = signedIn(EntraDirectory.FABRIKAM_ANALYST).open("/reports/quality?configurationId="
                + visits.configurationId() + "&appointmentId=" + visits.measured()).asString();
        assertTrue(theirs.contains("Not measured"), theirs);
        assertFalse(theirs.contains("pat-1"));
    }

    /** Publishes {@link Visits}; returns once both visits show in the report, the measured one with both calls. */
    private Visits visits() {
        String configurationId = AuditFixtures.approvedConfiguration(kafka, EntraDirectory.CONTOSO.id(), NO_EHR)
                .configurationId();
        Visits visits = new Visits(configurationId, "DEP-" + UUID.randomUUID().toString().substring(0, 8),
                AuditFixtures.appointmentId(), AuditFixtures.appointmentId());
        for (String appointment : List.of(visits.measured(), visits.unmeasured())) {
            AuditFixtures.send(kafka, AuditFixtures.appointment(EventType.APPOINTMENT_SCHEDULED, configurationId,
                    appointment, AppointmentEvent.Status.BOOKED, visits.department(), START, START.minusDays(1)));
        }
        AuditFixtures.send(kafka, CallQualityEvents.report(configurationId, visits.measured(), UUID.randomUUID().toString(),
                4, START, List.of(poorPatient("pat-1", "pat-2"), goodProvider("doc-1"))));
        AuditFixtures.send(kafka, CallQualityEvents.report(configurationId, visits.measured(), UUID.randomUUID().toString(),
                1, START.plusMinutes(30), List.of(goodProvider("doc-2"))));
        await().atMost(WAIT).until(() -> {
            JsonPath rows = visitRows(EntraDirectory.CONTOSO_ANALYST, visits);
            return rows.getList("$").size() == 2
                    && Integer.valueOf(2).equals(rows.get("find { it.appointmentId == '" + visits.measured()
                    + "' }.quality.calls"));
        });
        return visits;
    }

    private JsonPath visitRows(EntraUser user, Visits visits) {
        return api(user).get("/audit/reports/visits" + visits.filters()).then().statusCode(200).extract().jsonPath();
    }

    private Response detail(EntraUser user, String configurationId, String appointmentId) {
        return api(user).queryParam("configurationId", configurationId).queryParam("appointmentId", appointmentId)
                .get("/audit/reports/visits/quality");
    }
}
