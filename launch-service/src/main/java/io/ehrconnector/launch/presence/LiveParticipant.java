package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ehrconnector.events.ParticipantPresence;

import java.time.OffsetDateTime;

/**
 * A participant as the live roster page gets it (JSON in its server-sent events): the opaque id, the role and the times,
 * never a name or an EHR user id. The page merges what it gets by participant, so the initial roster and the changes may
 * arrive in any order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LiveParticipant(String participantId, ParticipantPresence.Role role, OffsetDateTime connectedAt,
                       OffsetDateTime disconnectedAt) {

    static LiveParticipant of(VisitParticipant row) {
        return new LiveParticipant(row.participantId, row.role, row.connectedAt, row.disconnectedAt);
    }

    static LiveParticipant of(LivePresenceFeed.Change change) {
        ParticipantPresence presence = change.presence();
        return new LiveParticipant(presence.participantId(), presence.role(),
                change.connected() ? presence.occurredAt() : null, change.connected() ? null : presence.occurredAt());
    }
}
