package io.ehrconnector.launch.presence;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;

/**
 * Announces that someone connected to or disconnected from a visit ({@link ParticipantPresence} on the visit-participants
 * topic) through the outbox, inside the transaction that changed the roster. The event id is derived from the join, so a
 * change announced twice is one event.
 */
@ApplicationScoped
class PresenceAnnouncements {

    private static final URI SOURCE = CloudEvent.serviceSource("launch-service");

    private final Outbox outbox;

    PresenceAnnouncements(Outbox outbox) {
        this.outbox = outbox;
    }

    Uni<Void> connected(MeetingWatch watch, VisitParticipant participant, OffsetDateTime at) {
        return announce(EventType.PARTICIPANT_CONNECTED, watch, participant, at);
    }

    Uni<Void> disconnected(MeetingWatch watch, VisitParticipant participant, OffsetDateTime at) {
        return announce(EventType.PARTICIPANT_DISCONNECTED, watch, participant, at);
    }

    private Uni<Void> announce(EventType type, MeetingWatch watch, VisitParticipant participant, OffsetDateTime at) {
        ParticipantPresence presence = new ParticipantPresence(watch.configurationId, watch.meetingKey, watch.meetingId,
                participant.participantId, participant.role, participant.ehrUserId, at);
        String id = CloudEvent.deterministicId(type, watch.configurationId, watch.meetingKey, participant.participantId);
        return outbox.enqueue(CloudEvent.of(type, id, SOURCE, watch.visitKey(), at, presence), watch.visitKey());
    }
}
