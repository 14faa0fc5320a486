package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.QualitySummary;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Visit report rows as CSV (RFC 4180, CRLF, a header row). Times are RFC 3339 UTC; the call quality columns are empty for
 * a visit without a call record, and figures are plain decimals (never exponents). A cell that a spreadsheet would read as
 * a formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe: department and appointment ids come from
 * the EHR, and an export must not run what it carries.
 */
final class VisitReportCsv {

    private static final List<String> QUALITY_HEADER = List.of("quality_calls", "quality_participants",
            "quality_poor_participants", "worst_jitter_ms", "worst_packet_loss_rate", "worst_round_trip_ms",
            "lowest_video_frame_rate");
    static final List<String> HEADER = Stream.concat(Stream.of("appointment_id", "configuration_id", "environment",
            "department_id", "scheduled_start", "scheduled_end", "status", "ehr_status", "first_joined_at", "started_at",
            "ended_at", "duration_s", "lobby_wait_s", "peak_attendees", "providers", "patients", "guests", "sms_sent"),
            QUALITY_HEADER.stream()).toList();

    private VisitReportCsv() {
    }

    static String header() {
        return line(HEADER.stream());
    }

    static String row(VisitReportView visit) {
        return line(Stream.concat(Stream.of(visit.appointmentId(), visit.configurationId(), visit.environment(),
                visit.departmentId(), time(visit.scheduledStart()), time(visit.scheduledEnd()), visit.status(),
                visit.ehrStatus(), time(visit.firstJoinedAt()), time(visit.startedAt()), time(visit.endedAt()),
                visit.durationSeconds(), visit.lobbyWaitSeconds(), visit.peakAttendees(), visit.providers(),
                visit.patients(), visit.guests(), visit.smsSent()), quality(visit.quality())));
    }

    private static Stream<?> quality(QualitySummary quality) {
        if (quality == null) {
            return QUALITY_HEADER.stream().map(column -> null);
        }
        return Stream.of(quality.calls(), quality.measuredParticipants(), quality.poorParticipants(),
                figure(quality.worstJitterMs()), figure(quality.worstPacketLossRate()), figure(quality.worstRoundTripMs()),
                figure(quality.lowestVideoFrameRate()));
    }

    private static String figure(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    private static String line(Stream<?> cells) {
        return cells.map(cell -> cell == null ? "" : cell(Objects.toString(cell))).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
