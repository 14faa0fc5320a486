package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.QualitySummary;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VisitReportCsvTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-03-02T09:00:00-06:00");

    @Test
    void aRowHasEveryColumnOfTheHeaderWithTimesInUtcAndEndsInCrLf() {
        VisitReportView visit = new VisitReportView("6f0c2a4e-0000-4000-8000-000000000001", "1234567", "PRODUCTION",
                "DEP-7", START, START.plusMinutes(30), VisitStatus.COMPLETED, "BOOKED", START.minusMinutes(3), START,
                START.plusMinutes(21), 1260L, 180L, 0, 3, 1, 1, 1, 2, START.plusMinutes(22),
                new QualitySummary(2, 3, 1, 41.5, 0.0001, 510.0, null));

        assertEquals("appointment_id,configuration_id,environment,department_id,scheduled_start,scheduled_end,status,"
                + "ehr_status,first_joined_at,started_at,ended_at,duration_s,lobby_wait_s,peak_attendees,providers,patients,"
                + "guests,sms_sent,quality_calls,quality_participants,quality_poor_participants,worst_jitter_ms,"
                + "worst_packet_loss_rate,worst_round_trip_ms,lowest_video_frame_rate\r\n", VisitReportCsv.header());
        assertEquals("1234567,6f0c2a4e-0000-4000-8000-000000000001,PRODUCTION,DEP-7,2026-03-02T15:00:00Z,"
                + "2026-03-02T15:30:00Z,COMPLETED,BOOKED,2026-03-02T14:57:00Z,2026-03-02T15:00:00Z,2026-03-02T15:21:00Z,"
                + "1260,180,3,1,1,1,2,2,3,1,41.5,0.0001,510,\r\n", VisitReportCsv.row(visit), "figures never as exponents");
        assertEquals(VisitReportCsv.HEADER.size(), VisitReportCsv.row(visit).split(",", -1).length);
    }

    @Test
    void cellsASpreadsheetWouldRunAreDefusedAndSeparatorsQuoted() {
        VisitReportView visit = new VisitReportView("c", "=HYPERLINK(\"http://x\",\"y\")", "TEST", "@SUM(A1)", null, null,
                VisitStatus.SCHEDULED, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, START, null);

        String row = VisitReportCsv.row(visit);

        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",c,TEST,'@SUM(A1),,,SCHEDULED,,,,,,,0,0,0,0,0,,,,,,,\r\n",
                row);
    }
}
