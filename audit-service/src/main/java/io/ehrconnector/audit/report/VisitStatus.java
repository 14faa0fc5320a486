package io.ehrconnector.audit.report;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Where a visit stands, as reports show it; worked out by {@link VisitReportRepository} when it reads, because it depends
 * on the time for visits that never started: one is a no-show as soon as the EHR says so (SIU S26), or once its scheduled
 * end (without an end, its start plus {@link #ASSUMED_LENGTH}; without a schedule, its first join plus that) has passed by
 * {@link #NO_SHOW_GRACE}.
 */
public enum VisitStatus {
    /** Booked, nobody has joined yet, and it is not late. */
    SCHEDULED,
    /** Someone joined, but a provider and the patient have not been present together yet. */
    WAITING,
    /** Started, and someone is still in the meeting. */
    IN_PROGRESS,
    /** Started, and everyone has left. */
    COMPLETED,
    /** Never started, and the EHR marked it a no-show or its time has passed. */
    NO_SHOW,
    /** Cancelled or deleted in the EHR before it started. */
    CANCELLED;

    static final Duration ASSUMED_LENGTH = Duration.ofHours(1);
    static final Duration NO_SHOW_GRACE = Duration.ofMinutes(30);

    /** When a visit that has not started counts as a no-show; null while nothing is known of its time. */
    static OffsetDateTime noShowAfter(VisitSummary visit) {
        OffsetDateTime end = visit.scheduledEnd() != null ? visit.scheduledEnd()
                : visit.scheduledStart() != null ? visit.scheduledStart().plus(ASSUMED_LENGTH)
                : visit.firstJoinedAt() != null ? visit.firstJoinedAt().plus(ASSUMED_LENGTH) : null;
        return end == null ? null : end.plus(NO_SHOW_GRACE);
    }
}
