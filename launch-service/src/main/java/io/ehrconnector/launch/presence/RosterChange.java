package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a meeting call event changes in the visit's roster, read from the {@code resourceData} of a notification of the
 * subscription to {@code communications/onlineMeetings/?$filter=JoinWebUrl eq '...'} (Graph puts the event's properties
 * there when the subscription asks for no encrypted resource data). Only ids, kinds and times are kept: Graph's display
 * names are dropped here, before anything is stored. This record is also the stored form of an accepted notification.
 *
 * @param type   a roster update or the end of the call
 * @param at     when it happened (Graph's {@code eventDateTime})
 * @param joined participants who joined (roster updates)
 * @param exited participants who left (roster updates)
 */
record RosterChange(Type type, OffsetDateTime at, List<CallParticipant> joined, List<CallParticipant> exited) {

    enum Type {
        ROSTER_UPDATE,
        CALL_ENDED
    }

    /** More participants than any visit has in one roster update means the notification is not Graph's. */
    static final int MAX_PARTICIPANTS = 500;

    RosterChange {
        joined = List.copyOf(joined);
        exited = List.copyOf(exited);
    }

    /**
     * The change {@code resourceData} describes; empty for call events presence does not act on (a call started: who is in
     * it comes with the roster updates).
     *
     * @throws IllegalArgumentException when it is not a call event presence can read; the message names no value
     */
    static Optional<RosterChange> read(JsonNode resourceData) {
        String eventType = field(resourceData, "eventType").asText("");
        Type type;
        if (eventType.endsWith("CallRosterUpdate")) {
            type = Type.ROSTER_UPDATE;
        } else if (eventType.endsWith("CallEnded")) {
            type = Type.CALL_ENDED;
        } else if (eventType.endsWith("CallStarted")) {
            return Optional.empty();
        } else {
            throw new IllegalArgumentException("resourceData.eventType is not a meeting call event");
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(field(resourceData, "eventDateTime").asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("resourceData.eventDateTime is not a date and time");
        }
        return Optional.of(new RosterChange(type, at, participants(resourceData, "activeParticipants@joined"),
                participants(resourceData, "activeParticipants@exited")));
    }

    private static List<CallParticipant> participants(JsonNode resourceData, String name) {
        JsonNode list = field(resourceData, name);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_PARTICIPANTS) {
            throw new IllegalArgumentException("resourceData." + name + " is not a list of participants");
        }
        List<CallParticipant> participants = new ArrayList<>();
        for (JsonNode participant : list) {
            String graphId = field(participant, "id").asText("");
            if (graphId.isBlank() || graphId.length() > 200) {
                throw new IllegalArgumentException("resourceData." + name + "[].Id is missing or too long");
            }
            participants.add(new CallParticipant(graphId, identity(field(participant, "identity"))));
        }
        return participants;
    }

    /** The first member of the identity set ({@code {"User": {"Id": ..., "TenantId": ...}}}); display names are not read. */
    private static CallIdentity identity(JsonNode identitySet) {
        Iterator<Map.Entry<String, JsonNode>> members = identitySet.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isObject() && !member.getKey().startsWith("@")) {
                return new CallIdentity(CallIdentity.Kind.ofMember(member.getKey()), text(member.getValue(), "id"),
                        text(member.getValue(), "tenantId"));
            }
        }
        return new CallIdentity(CallIdentity.Kind.OTHER, null, null);
    }

    private static String text(JsonNode node, String name) {
        String value = field(node, name).asText(null);
        return value == null || value.isBlank() || value.length() > 200 ? null : value;
    }

    /** Graph writes these names in PascalCase or camelCase ({@code Id}, {@code id}); any letter case is read. */
    private static JsonNode field(JsonNode node, String name) {
        JsonNode exact = node.path(name);
        if (!exact.isMissingNode()) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        String wanted = name.toLowerCase(Locale.ROOT);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                return field.getValue();
            }
        }
        return exact;
    }
}
