package io.ehrconnector.audit.report;

import io.ehrconnector.events.AppointmentEvent;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The figures of one visit, as of the facts seen so far (see {@link VisitArithmetic}).
 *
 * @param appointmentStatus the EHR's last word on the appointment, null before any scheduling message
 * @param departmentId      the EHR's id of the department, from the last scheduling message that named one
 * @param scheduledStart    from the last scheduling message, null before any
 * @param scheduledEnd      from the last scheduling message that gave one
 * @param firstJoinedAt     the first time anyone joined the meeting
 * @param firstPatientAt    the first time the patient joined (the start of the lobby wait)
 * @param startedAt         the first time a provider and the patient were both present: the visit's start
 * @param endedAt           after the start, when the last participant left; null while anyone is present
 * @param presentNow        participants in the meeting after the last fact
 * @param peakAttendees     the most participants present at once
 * @param providers         distinct providers who joined
 * @param patients          distinct patient joins (a patient who rejoins from another device counts again)
 * @param guests            distinct guests who joined
 * @param smsSent           texts ACS accepted for the visit
 */
record VisitSummary(
        AppointmentEvent.Status appointmentStatus,
        String departmentId,
        OffsetDateTime scheduledStart,
        OffsetDateTime scheduledEnd,
        OffsetDateTime firstJoinedAt,
        OffsetDateTime firstPatientAt,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        int presentNow,
        int peakAttendees,
        int providers,
        int patients,
        int guests,
        int smsSent) {

    /** From the start until the last participant left; null until then. */
    Duration duration() {
        return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
    }

    /** How long the patient waited for a provider: from the patient's first join to the start; null until the start. */
    Duration lobbyWait() {
        return startedAt == null || firstPatientAt == null ? null : Duration.between(firstPatientAt, startedAt);
    }
}
