package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teams online meetings as Graph's {@code users/{id}/onlineMeetings} serves them. {@code createOrGet} is idempotent on
 * (organizer, externalId): the first call creates (201), later calls return the same meeting unchanged (200), as
 * Graph documents.
 */
final class OnlineMeetings {

    private static final Pattern JOIN_WEB_URL_FILTER = Pattern.compile("(?i)JoinWebUrl eq '(.*)'");

    private final Map<String, ObjectNode> byOrganizerAndExternalId = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> tenantOfUser;
    private final Supplier<String> joinUrlBase;

    /**
     * @param tenantOfUser the tenant of a known user, empty when Graph does not know the user
     * @param joinUrlBase  where joinWebUrl points: {@code https://teams.microsoft.com}, or the stand-in's join page
     */
    OnlineMeetings(Function<String, Optional<String>> tenantOfUser, Supplier<String> joinUrlBase) {
        this.tenantOfUser = tenantOfUser;
        this.joinUrlBase = joinUrlBase;
    }

    List<ObjectNode> all() {
        return byId.values().stream().map(ObjectNode::deepCopy).toList();
    }

    StandInResponse createOrGet(StandInRequest request) {
        String organizer = request.pathParam(0);
        String tenantId = knownUser(organizer);
        JsonNode body = request.json();
        String externalId = body.path("externalId").asText(null);
        if (externalId == null || externalId.isBlank()) {
            throw GraphErrors.early(400, "BadRequest", "externalId is required for createOrGet.");
        }
        boolean[] created = {false};
        ObjectNode meeting = byOrganizerAndExternalId.computeIfAbsent(organizer + "\n" + externalId, key -> {
            created[0] = true;
            ObjectNode fresh = newMeeting(organizer, tenantId, externalId, body);
            byId.put(fresh.get("id").asText(), fresh);
            return fresh;
        });
        return StandInResponse.json(created[0] ? 201 : 200, withContext(meeting));
    }

    StandInResponse get(StandInRequest request) {
        knownUser(request.pathParam(0));
        ObjectNode meeting = byId.get(request.pathParam(1));
        if (meeting == null || !request.pathParam(0).equals(organizerOf(meeting))) {
            throw GraphErrors.early(404, "NotFound", "The meeting was not found.");
        }
        return StandInResponse.json(200, withContext(meeting));
    }

    /** Properties {@code PATCH users/{id}/onlineMeetings/{meetingId}} may change (Graph's updatable ones this stand-in keeps). */
    private static final List<String> UPDATABLE = List.of("subject", "startDateTime", "endDateTime", "lobbyBypassSettings",
            "allowedPresenters", "allowMeetingChat", "isEntryExitAnnounced");

    /** Update: the given updatable properties replace the meeting's; anything else in the body is refused, as Graph does. */
    StandInResponse update(StandInRequest request) {
        knownUser(request.pathParam(0));
        ObjectNode meeting = byId.get(request.pathParam(1));
        if (meeting == null || !request.pathParam(0).equals(organizerOf(meeting))) {
            throw GraphErrors.early(404, "NotFound", "The meeting was not found.");
        }
        JsonNode body = request.json();
        body.fieldNames().forEachRemaining(field -> {
            if (!UPDATABLE.contains(field) && !field.startsWith("@odata")) {
                throw GraphErrors.early(400, "BadRequest", "Property '" + field + "' cannot be updated.");
            }
        });
        synchronized (meeting) {
            UPDATABLE.stream().filter(body::has).forEach(field -> meeting.set(field, body.get(field).deepCopy()));
        }
        return StandInResponse.json(200, withContext(meeting));
    }

    /** {@code GET users/{id}/onlineMeetings?$filter=JoinWebUrl eq '...'}, the one list query Graph supports here. */
    StandInResponse findByJoinWebUrl(StandInRequest request) {
        knownUser(request.pathParam(0));
        String filter = String.valueOf(request.queryParam("$filter"));
        Matcher m = JOIN_WEB_URL_FILTER.matcher(filter.trim());
        if (!m.matches()) {
            throw GraphErrors.early(400, "BadRequest", "Filter on JoinWebUrl is required.");
        }
        String joinWebUrl = m.group(1).replace("''", "'");
        ArrayNode value = Json.object().arrayNode();
        byId.values().stream()
                .filter(meeting -> joinWebUrl.equals(meeting.path("joinWebUrl").asText()))
                .filter(meeting -> request.pathParam(0).equals(organizerOf(meeting)))
                .forEach(value::add);
        ObjectNode list = Json.object();
        list.put("@odata.context", "onlineMeetings");
        list.set("value", value);
        return StandInResponse.json(200, list);
    }

    private String knownUser(String userId) {
        return tenantOfUser.apply(userId).orElseThrow(() -> GraphErrors.early(404, "NotFound",
                "User '" + userId + "' is not known to this Graph stand-in."));
    }

    private ObjectNode newMeeting(String organizer, String tenantId, String externalId, JsonNode request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String start = request.path("startDateTime").asText(now.toString());
        String end = request.path("endDateTime").asText(Instant.parse(normalise(start)).plus(Duration.ofHours(1)).toString());
        String threadId = "19:meeting_" + RandomIds.token(24) + "@thread.v2";
        String context = Json.write(Map.of("Tid", tenantId, "Oid", organizer));

        ObjectNode meeting = Json.object();
        meeting.put("id", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1*" + organizer + "*0**" + threadId).getBytes(StandardCharsets.UTF_8)));
        meeting.put("creationDateTime", now.toString());
        meeting.put("startDateTime", start);
        meeting.put("endDateTime", end);
        meeting.put("externalId", externalId);
        meeting.put("subject", request.path("subject").asText(null));
        meeting.put("joinWebUrl", joinUrlBase.get() + "/l/meetup-join/" + FormCodec.encode(threadId) + "/0?context="
                + FormCodec.encode(context));
        meeting.put("isBroadcast", false);
        meeting.put("allowedPresenters", "everyone");
        meeting.put("allowMeetingChat", "enabled");
        meeting.put("isEntryExitAnnounced", true);
        meeting.putNull("videoTeleconferenceId");
        ObjectNode lobby = meeting.putObject("lobbyBypassSettings");
        lobby.put("scope", "organization");
        lobby.put("isDialInBypassEnabled", false);
        ObjectNode chat = meeting.putObject("chatInfo");
        chat.put("threadId", threadId);
        chat.put("messageId", "0");
        chat.putNull("replyChainMessageId");
        ObjectNode joinId = meeting.putObject("joinMeetingIdSettings");
        joinId.put("isPasscodeRequired", true);
        joinId.put("joinMeetingId", Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L)));
        joinId.put("passcode", RandomIds.token(4));
        ObjectNode participants = meeting.putObject("participants");
        ObjectNode organizerInfo = participants.putObject("organizer");
        organizerInfo.put("role", "presenter");
        ObjectNode user = organizerInfo.putObject("identity").putObject("user");
        user.put("id", organizer);
        user.put("tenantId", tenantId);
        user.put("identityProvider", "AAD");
        participants.set("attendees", request.path("participants").path("attendees").isArray()
                ? request.path("participants").path("attendees").deepCopy()
                : Json.object().arrayNode());
        return meeting;
    }

    private static String normalise(String dateTime) {
        return dateTime.endsWith("Z") || dateTime.matches(".*[+-]\\d\\d:\\d\\d$")
                ? OffsetDateTime.parse(dateTime).toInstant().toString()
                : dateTime + "Z";
    }

    private static String organizerOf(ObjectNode meeting) {
        return meeting.path("participants").path("organizer").path("identity").path("user").path("id").asText();
    }

    private static ObjectNode withContext(ObjectNode meeting) {
        ObjectNode body = Json.object();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#onlineMeetings/$entity");
        body.setAll(meeting.deepCopy());
        return body;
    }
}
