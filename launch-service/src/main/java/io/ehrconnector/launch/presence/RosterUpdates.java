package io.ehrconnector.launch.presence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Brings a visit's roster up to date with what Graph reported and announces each change: a join connects a participant, an
 * exit disconnects one, the end of the call disconnects everyone still in it. Each join connects and disconnects once, so
 * a notification processed twice announces nothing twice. Run inside the transaction that holds the visit's
 * {@link MeetingWatch} locked.
 */
@ApplicationScoped
class RosterUpdates {

    private final VisitParticipants participants;
    private final ParticipantRoles roles;
    private final ParticipantIds ids;
    private final PresenceAnnouncements announcements;

    RosterUpdates(VisitParticipants participants, ParticipantRoles roles, ParticipantIds ids,
                  PresenceAnnouncements announcements) {
        this.participants = participants;
        this.roles = roles;
        this.ids = ids;
        this.announcements = announcements;
    }

    Uni<Void> apply(MeetingWatch watch, RosterChange change) {
        return switch (change.type()) {
            case ROSTER_UPDATE -> each(change.joined(), joined -> joined(watch, joined, change.at()))
                    .flatMap(ignored -> each(change.exited(), exited -> left(watch, exited, change.at())));
            case CALL_ENDED -> participants.disconnectEveryone(watch.configurationId, watch.meetingKey, change.at(), now())
                    .flatMap(everyone -> each(everyone, left -> announcements.disconnected(watch, left, change.at())));
        };
    }

    Uni<Void> joined(MeetingWatch watch, CallParticipant participant, OffsetDateTime at) {
        return row(watch, participant).flatMap(row -> {
            row.connectedAt = at;
            return participants.connect(row);
        }).flatMap(changed -> changed == null ? done() : announcements.connected(watch, changed, at));
    }

    Uni<Void> left(MeetingWatch watch, CallParticipant participant, OffsetDateTime at) {
        return row(watch, participant).flatMap(row -> {
            row.disconnectedAt = at;
            return participants.disconnect(row);
        }).flatMap(changed -> changed == null ? done() : announcements.disconnected(watch, changed, at));
    }

    /** Disconnects a join already in the roster (a resync found it left). */
    Uni<Void> left(MeetingWatch watch, VisitParticipant known, OffsetDateTime at) {
        VisitParticipant row = copy(known);
        row.disconnectedAt = at;
        row.updatedAt = now();
        return participants.disconnect(row)
                .flatMap(changed -> changed == null ? done() : announcements.disconnected(watch, changed, at));
    }

    /** The roster row of a participant as it would be inserted: its opaque ids and role, no times yet. */
    private Uni<VisitParticipant> row(MeetingWatch watch, CallParticipant participant) {
        return roles.of(watch, participant.identity()).map(assigned -> {
            VisitParticipant row = new VisitParticipant();
            row.configurationId = watch.configurationId;
            row.meetingKey = watch.meetingKey;
            row.participantId = ids.participantId(watch.configurationId, watch.meetingKey, participant.graphParticipantId());
            row.identityKey = ids.identityKey(watch.configurationId, participant.identity());
            row.role = assigned.role();
            row.ehrUserId = assigned.ehrUserId();
            row.updatedAt = now();
            return row;
        });
    }

    private static VisitParticipant copy(VisitParticipant known) {
        VisitParticipant row = new VisitParticipant();
        row.configurationId = known.configurationId;
        row.meetingKey = known.meetingKey;
        row.participantId = known.participantId;
        row.identityKey = known.identityKey;
        row.role = known.role;
        row.ehrUserId = known.ehrUserId;
        return row;
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
