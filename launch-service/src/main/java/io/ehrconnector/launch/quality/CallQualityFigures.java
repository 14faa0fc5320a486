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
        Map<CallIdentity, Map<MediaKind, MediaTotals>> byParticipant = new LinkedHashMap<>();
        for (Session session : sessions) {
            CallIdentity participant = participantOf(session);
            if (participant == null) {
                continue;
            }
            Map<MediaKind, MediaTotals> totals = byParticipant.computeIfAbsent(participant,
                    ignored -> new EnumMap<>(MediaKind.class));
            for (Segment segment : nonNull(session.getSegments())) {
                for (Media media : nonNull(segment.getMedia())) {
                    MediaKind kind = MediaKind.ofLabel(media.getLabel());
                    if (kind == null) {
                        continue;
                    }
                    for (MediaStream stream : nonNull(media.getStreams())) {
                        totals.computeIfAbsent(kind, MediaTotals::new).add(stream);
                    }
                }
            }
        }
        List<MeasuredParticipant> participants = new ArrayList<>(byParticipant.size());
        byParticipant.forEach((identity, totals) -> participants.add(new MeasuredParticipant(identity,
                quality(totals, MediaKind.AUDIO), quality(totals, MediaKind.VIDEO), quality(totals, MediaKind.SCREEN_SHARING))));
        return participants;
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
