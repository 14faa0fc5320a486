package io.ehrconnector.testing.standins;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Teams call record ({@code microsoft.graph.callRecords.callRecord}) as Graph serves it, built up session by session: each
 * session joins one participant to the meeting's conference (the participant endpoint is the caller, Teams' conferencing
 * service the callee), with one segment carrying the participant's media. Display names are part of what Graph sends, so
 * a test can check the connector drops them.
 */
public final class GraphCallRecord {

    private final String joinWebUrl;
    private final Instant start;
    private final Instant end;
    private final List<Map<String, Object>> sessions = new ArrayList<>();
    private long version = 1;

    private GraphCallRecord(String joinWebUrl, Instant start, Instant end) {
        this.joinWebUrl = joinWebUrl;
        this.start = start;
        this.end = end;
    }

    /** The record of a Teams meeting's call ({@code groupCall}); {@code joinWebUrl} null for a call that was no meeting. */
    public static GraphCallRecord groupCall(String joinWebUrl, Instant start, Instant end) {
        return new GraphCallRecord(joinWebUrl, start, end);
    }

    public GraphCallRecord version(long version) {
        this.version = version;
        return this;
    }

    /** One medium of a segment: its {@code label} (e.g. {@code main-audio}) and streams. */
    public record Media(String label, List<GraphMediaStream> streams) {

        public Media {
            streams = List.copyOf(streams);
        }

        public static Media of(String label, GraphMediaStream... streams) {
            return new Media(label, List.of(streams));
        }
    }

    /** Adds a session of {@code participant} with the conference, from the call's start to its end. */
    public GraphCallRecord session(GraphParticipantIdentity participant, Media... media) {
        String sessionId = RandomIds.uuid();
        Map<String, Object> caller = participantEndpoint(participant);
        Map<String, Object> callee = serviceEndpoint();
        List<Map<String, Object>> mediaJson = new ArrayList<>();
        for (Media medium : media) {
            List<Map<String, Object>> streams = new ArrayList<>();
            for (GraphMediaStream stream : medium.streams()) {
                streams.add(stream.json(String.valueOf(1_000_000 + sessions.size() * 100 + streams.size())));
            }
            mediaJson.add(Map.of("label", medium.label(), "callerNetwork", Map.of("connectionType", "wired"),
                    "streams", streams));
        }
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("id", RandomIds.uuid());
        segment.put("startDateTime", start.toString());
        segment.put("endDateTime", end.toString());
        segment.put("caller", caller);
        segment.put("callee", callee);
        segment.put("media", mediaJson);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", sessionId);
        session.put("modalities", List.of("audio", "video"));
        session.put("startDateTime", start.toString());
        session.put("endDateTime", end.toString());
        session.put("isTest", false);
        session.put("caller", caller);
        session.put("callee", callee);
        session.put("segments", List.of(segment));
        sessions.add(session);
        return this;
    }

    /** The record as Graph returns it with {@code $expand=sessions($expand=segments)}. */
    Map<String, Object> json() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", version);
        record.put("type", "groupCall");
        record.put("modalities", List.of("audio", "video", "screenSharing"));
        record.put("lastModifiedDateTime", end.toString());
        record.put("startDateTime", start.toString());
        record.put("endDateTime", end.toString());
        if (joinWebUrl != null) {
            record.put("joinWebUrl", joinWebUrl);
        }
        record.put("organizer", Map.of("user", Map.of("id", RandomIds.uuid(), "displayName", "Organizer Name")));
        record.put("sessions", List.copyOf(sessions));
        return record;
    }

    private static Map<String, Object> participantEndpoint(GraphParticipantIdentity participant) {
        return Map.of("@odata.type", "#microsoft.graph.callRecords.participantEndpoint",
                "identity", participant.callRecordIdentitySet(),
                "userAgent", Map.of("@odata.type", "#microsoft.graph.callRecords.clientUserAgent",
                        "headerValue", "Teams/1.0", "platform", "windows", "productFamily", "teams"));
    }

    private static Map<String, Object> serviceEndpoint() {
        return Map.of("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint",
                "userAgent", Map.of("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent",
                        "headerValue", "UCCAPI/16.0", "role", "audioVideoMc"));
    }
}
