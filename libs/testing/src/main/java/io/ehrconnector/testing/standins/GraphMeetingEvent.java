package io.ehrconnector.testing.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call event of a Teams online meeting, as Graph notifies a subscription to
 * {@code communications/onlineMeetings/?$filter=JoinWebUrl eq '...'} without encrypted resource data: the properties of the
 * event ({@code eventType}, {@code eventDateTime}, {@code activeParticipants@joined}, {@code activeParticipants@exited}) are
 * in the notification's {@code resourceData}. Build one and send it with {@link GraphStandIn#notifyMeetingEvent}.
 */
public final class GraphMeetingEvent {

    /** Graph's event types for meeting calls. */
    public static final String CALL_STARTED = "Microsoft.Communication.CallStarted";
    public static final String CALL_ENDED = "Microsoft.Communication.CallEnded";
    public static final String CALL_ROSTER_UPDATE = "Microsoft.Communication.CallRosterUpdate";

    private final String eventType;
    private final Instant at;
    private final List<Map<String, Object>> joined = new ArrayList<>();
    private final List<Map<String, Object>> exited = new ArrayList<>();

    private GraphMeetingEvent(String eventType, Instant at) {
        this.eventType = eventType;
        this.at = Objects.requireNonNull(at, "at");
    }

    /** Participants joined or left the meeting call at {@code at}; add them with {@link #joined} and {@link #exited}. */
    public static GraphMeetingEvent rosterUpdate(Instant at) {
        return new GraphMeetingEvent(CALL_ROSTER_UPDATE, at);
    }

    public static GraphMeetingEvent callStarted(Instant at) {
        return new GraphMeetingEvent(CALL_STARTED, at);
    }

    public static GraphMeetingEvent callEnded(Instant at) {
        return new GraphMeetingEvent(CALL_ENDED, at);
    }

    /** @param participantId Graph's id of the participant in this call (one per join) */
    public GraphMeetingEvent joined(String participantId, GraphParticipantIdentity identity) {
        joined.add(participant(participantId, identity));
        return this;
    }

    public GraphMeetingEvent exited(String participantId, GraphParticipantIdentity identity) {
        exited.add(participant(participantId, identity));
        return this;
    }

    /**
     * The notification's {@code resourceData} for a subscription to {@code resource}, e.g. for a hand-made
     * {@link GraphChangeNotification}.
     */
    public Map<String, Object> resourceData(String resource) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@odata.type", "#Microsoft.Graph.onlineMeeting");
        data.put("@odata.id", resource);
        data.put("id", resource);
        data.put("eventType", eventType);
        data.put("eventDateTime", at.toString());
        if (eventType.equals(CALL_ROSTER_UPDATE)) {
            data.put("activeParticipants@joined", List.copyOf(joined));
            data.put("activeParticipants@exited", List.copyOf(exited));
        } else {
            data.put("state", eventType.equals(CALL_ENDED) ? "inactive" : "active");
        }
        return data;
    }

    private static Map<String, Object> participant(String participantId, GraphParticipantIdentity identity) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("Id", participantId);
        participant.put("Identity", identity.identitySet());
        return participant;
    }
}
