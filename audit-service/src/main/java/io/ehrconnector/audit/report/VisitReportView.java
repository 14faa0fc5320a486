package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.QualitySummary;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One visit as reports show it: the appointment id (for Epic the CSN), department, schedule, status, the figures from
 * who joined when, and its call quality (null until a call record of its meeting arrived). Durations in whole seconds; null
 * where not known yet.
 */
public record VisitReportView(
        String configurationId,
        String appointmentId,
        String environment,
        String departmentId,
        OffsetDateTime scheduledStart,
        OffsetDateTime scheduledEnd,
        VisitStatus status,
        String ehrStatus,
        OffsetDateTime firstJoinedAt,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        Long durationSeconds,
        Long lobbyWaitSeconds,
        int presentNow,
        int peakAttendees,
        int providers,
        int patients,
        int guests,
        int smsSent,
        OffsetDateTime updatedAt,
        QualitySummary quality) {

    static VisitReportView of(VisitReport report, QualitySummary quality) {
        return new VisitReportView(report.configurationId, report.appointmentId, report.environment, report.departmentId,
                report.scheduledStart, report.scheduledEnd, report.status, report.appointmentStatus, report.firstJoinedAt,
                report.startedAt, report.endedAt, seconds(report.startedAt, report.endedAt),
                seconds(report.firstPatientAt, report.startedAt), report.presentNow, report.peakAttendees,
                report.providers, report.patients, report.guests, report.smsSent, report.updatedAt, quality);
    }

    private static Long seconds(OffsetDateTime from, OffsetDateTime to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }
}
