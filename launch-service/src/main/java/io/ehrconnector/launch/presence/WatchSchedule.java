package io.ehrconnector.launch.presence;

import java.time.Duration;
import java.time.OffsetDateTime;

/** When the keeper must look at a watched meeting next, given what it has and what Graph asked for. */
final class WatchSchedule {

    private WatchSchedule() {
    }

    static OffsetDateTime next(MeetingWatch watch, OffsetDateTime now, Duration renewAhead) {
        if (watch.subscriptionId == null || watch.reauthorizeRequested) {
            return now;
        }
        OffsetDateTime next = watch.watchUntil;
        if (watch.resyncDueAt != null) {
            next = earliest(next, watch.resyncDueAt);
        }
        if (watch.expiresAt != null && watch.expiresAt.isBefore(watch.watchUntil)) {
            next = earliest(next, watch.expiresAt.minus(renewAhead));
        }
        return next;
    }

    private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
