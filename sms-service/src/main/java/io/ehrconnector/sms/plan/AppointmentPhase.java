package io.ehrconnector.sms.plan;

import io.ehrconnector.events.AppointmentEvent.Status;

import java.util.EnumSet;
import java.util.Set;

/** How the texts see an appointment's filler status (HL7 table 0278). */
public enum AppointmentPhase {
    /** Booked (or pending, overbooked): confirmations and reminders apply. */
    ACTIVE,
    /** Cancelled, deleted or discontinued: a cancellation text may go, nothing else. */
    CANCELLED,
    /** Anything else (waitlist, blocked, started, complete, no-show): no texts. */
    QUIET;

    private static final Set<Status> ACTIVE_STATUSES = EnumSet.of(Status.PENDING, Status.BOOKED, Status.OVERBOOK);
    private static final Set<Status> CANCELLED_STATUSES = EnumSet.of(Status.CANCELLED, Status.DELETED, Status.DISCONTINUED);

    public static AppointmentPhase of(Status status) {
        if (ACTIVE_STATUSES.contains(status)) {
            return ACTIVE;
        }
        return CANCELLED_STATUSES.contains(status) ? CANCELLED : QUIET;
    }
}
