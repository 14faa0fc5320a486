package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.callrecords.Endpoint;
import com.microsoft.graph.models.callrecords.Media;
import com.microsoft.graph.models.callrecords.MediaStream;
import com.microsoft.graph.models.callrecords.ParticipantEndpoint;
import com.microsoft.graph.models.callrecords.Segment;
import com.microsoft.graph.models.callrecords.Session;
import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.launch.presence.CallIdentity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each participant's media figures from a call record's sessions. In a meeting each session joins one participant's
 * endpoint (the caller or the callee whose identity is a person: user, guest, ACS user, phone) to Teams' conferencing
 * service (the other side), so the media of the session's segments, both directions of every stream, are that
 * participant's. Sessions without a person are left out. Display names are not read. Pure: no I/O.
 */
final class CallQualityFigures {

    /** One participant of the call, by identity, and the figures of each kind of media (null: none of that kind). */
    record MeasuredParticipant(CallIdentity identity, MediaQuality audio, MediaQuality video, MediaQuality screenSharing) {
    }

    private CallQualityFigures() {
    }

    /** The participants in the order they first appear in {@code sessions}. */
    static List<MeasuredParticipant> of(List<Session> sessions) {
        Map<Object, Measuring> byParticipant = new LinkedHashMap<>();
        for (Session session : sessions) {
            CallIdentity participant = participantOf(session);
            if (participant == null) {
                continue;
            }
            Measuring measuring = byParticipant.computeIfAbsent(sameParticipant(participant),
                    ignored -> new Measuring(participant, new EnumMap<>(MediaKind.class)));
            for (Segment segment : nonNull(session.getSegments())) {
                for (Media media : nonNull(segment.getMedia())) {
                    MediaKind kind = MediaKind.ofLabel(media.getLabel());
                    if (kind == null) {
                        continue;
                    }
                    for (MediaStream stream : nonNull(media.getStreams())) {
                        measuring.totals.computeIfAbsent(kind, MediaTotals::new).add(stream);
                    }
                }
            }
        }
        List<MeasuredParticipant> participants = new ArrayList<>(byParticipant.size());
        byParticipant.values().forEach(measuring -> participants.add(new MeasuredParticipant(measuring.identity,
                quality(measuring.totals, MediaKind.AUDIO), quality(measuring.totals, MediaKind.VIDEO),
                quality(measuring.totals, MediaKind.SCREEN_SHARING))));
        return participants;
    }

    private record Measuring(CallIdentity identity, Map<MediaKind, MediaTotals> totals) {
    }

    /**
     * What makes two sessions one participant's: the kind and id, as presence's identity key has it (a session may name the
     * user's tenant and another not). Sessions of people without an id are never taken for one another.
     */
    private static Object sameParticipant(CallIdentity identity) {
        return identity.id() == null ? new Object() : List.of(identity.kind(), identity.id());
    }

    /** The person on either end of the session; the caller when both are (a call without the conferencing service). */
    private static CallIdentity participantOf(Session session) {
        CallIdentity caller = personOf(session.getCaller());
        return caller != null ? caller : personOf(session.getCallee());
    }

    private static CallIdentity personOf(Endpoint endpoint) {
        return endpoint instanceof ParticipantEndpoint participant ? CallRecordIdentities.personOf(participant.getIdentity())
                : null;
    }

    private static MediaQuality quality(Map<MediaKind, MediaTotals> totals, MediaKind kind) {
        MediaTotals media = totals.get(kind);
        return media == null ? null : media.quality();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
