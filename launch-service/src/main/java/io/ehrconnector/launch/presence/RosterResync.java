package io.ehrconnector.launch.presence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Brings a visit's roster in line with Graph's attendance report after Graph said it missed notifications: a join presence
 * never heard of is announced (connected, and disconnected if the report has it leave), and a participant presence still
 * has in the meeting whom the report has leave is disconnected at the report's time. Best effort: the report only exists
 * once a meeting session has ended, and guests' ids may differ between notifications and reports.
 */
@ApplicationScoped
class RosterResync {

    private final MeetingAttendance attendance;
    private final MeetingWatches watches;
    private final VisitParticipants participants;
    private final RosterUpdates updates;
    private final ParticipantIds ids;

    RosterResync(MeetingAttendance attendance, MeetingWatches watches, VisitParticipants participants,
                 RosterUpdates updates, ParticipantIds ids) {
        this.attendance = attendance;
        this.watches = watches;
        this.participants = participants;
        this.updates = updates;
        this.ids = ids;
    }

    /** True when Graph had a report and the roster now agrees with it; false when there is no report yet. */
    Uni<Boolean> resync(MeetingWatch claimed) {
        return attendance.of(claimed).flatMap(report -> report.isEmpty() ? Uni.createFrom().item(false)
                : Panache.withTransaction(() -> watches.lock(claimed.key()).flatMap(watch -> watch == null
                        ? Uni.createFrom().voidItem()
                        : participants.ofMeeting(watch.configurationId, watch.meetingKey)
                                .flatMap(roster -> each(report.get(), attendee -> reconcile(watch, roster, attendee)))))
                        .replaceWith(true));
    }

    private Uni<Void> reconcile(MeetingWatch watch, List<VisitParticipant> roster, MeetingAttendance.Attendee attendee) {
        String identityKey = ids.identityKey(watch.configurationId, attendee.identity());
        List<VisitParticipant> known = roster.stream().filter(row -> row.identityKey.equals(identityKey)).toList();
        if (known.isEmpty()) {
            return each(attendee.intervals(), interval -> {
                CallParticipant join = new CallParticipant("attendance/" + interval.joined().toInstant(), attendee.identity());
                return updates.joined(watch, join, interval.joined())
                        .flatMap(ignored -> interval.left() == null ? Uni.createFrom().voidItem()
                                : updates.left(watch, join, interval.left()));
            });
        }
        boolean stillIn = attendee.intervals().stream().anyMatch(interval -> interval.left() == null);
        OffsetDateTime lastLeft = attendee.intervals().stream().map(MeetingAttendance.Interval::left)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        if (stillIn || lastLeft == null) {
            return Uni.createFrom().voidItem();
        }
        return each(known.stream().filter(VisitParticipant::inMeeting).filter(row -> !lastLeft.isBefore(row.connectedAt))
                .toList(), row -> updates.left(watch, row, lastLeft));
    }
}
