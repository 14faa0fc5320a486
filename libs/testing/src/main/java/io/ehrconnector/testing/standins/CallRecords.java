package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Teams call records as Graph's {@code communications/callRecords/{id}} serves them: {@code $select} keeps the named
 * properties (and the id); the {@code sessions} navigation property comes only with {@code $expand=sessions}, their
 * {@code segments} only with {@code $expand=sessions($expand=segments)}; sessions come in pages, the next one named by
 * {@code sessions@odata.nextLink} and served by {@code communications/callRecords/{id}/sessions}. An unknown id is a 404,
 * as for a record Teams has not made yet.
 */
final class CallRecords {

    /** Graph's page size for expanded sessions is not documented; small enough that tests reach a second page. */
    static final int DEFAULT_SESSION_PAGE = 60;

    private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();
    private volatile int sessionPageSize = DEFAULT_SESSION_PAGE;

    void put(String id, Map<String, ?> json) {
        ObjectNode record = Json.toObject(json);
        record.put("id", id);
        byId.put(id, record);
    }

    void sessionPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one session");
        }
        sessionPageSize = size;
    }

    /** {@code GET communications/callRecords/{id}}. */
    StandInResponse get(StandInRequest request, String graphBase) {
        String id = request.pathParam(0);
        ObjectNode record = existing(id);
        ObjectNode body = Json.object();
        body.put("@odata.context", graphBase + "/$metadata#communications/callRecords/$entity");
        Set<String> select = list(request.queryParam("$select"));
        record.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("sessions") && (select.isEmpty() || select.contains(field.getKey())
                    || field.getKey().equals("id"))) {
                body.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        String expand = request.queryParam("$expand");
        if (expand != null && expand.startsWith("sessions")) {
            boolean segments = expand.replace(" ", "").contains("$expand=segments");
            page(body, "sessions", record, id, 0, segments, graphBase);
        }
        return StandInResponse.json(200, body);
    }

    /** {@code GET communications/callRecords/{id}/sessions}, where a {@code sessions@odata.nextLink} points. */
    StandInResponse sessions(StandInRequest request, String graphBase) {
        String id = request.pathParam(0);
        ObjectNode record = existing(id);
        int skip;
        try {
            skip = Integer.parseInt(String.valueOf(request.queryParam("$skiptoken")));
        } catch (NumberFormatException firstPage) {
            skip = 0;
        }
        boolean segments = "segments".equals(request.queryParam("$expand"));
        ObjectNode body = Json.object();
        body.put("@odata.context", graphBase + "/$metadata#communications/callRecords('" + id + "')/sessions");
        page(body, "value", record, id, skip, segments, graphBase);
        if (body.has("value@odata.nextLink")) {
            body.set("@odata.nextLink", body.remove("value@odata.nextLink"));
        }
        return StandInResponse.json(200, body);
    }

    private void page(ObjectNode body, String property, ObjectNode record, String id, int skip, boolean segments,
                      String graphBase) {
        JsonNode all = record.path("sessions");
        ArrayNode page = body.putArray(property);
        int size = sessionPageSize;
        for (int i = skip; i < all.size() && i < skip + size; i++) {
            ObjectNode session = all.get(i).deepCopy();
            if (!segments) {
                session.remove("segments");
            }
            page.add(session);
        }
        if (skip + size < all.size()) {
            body.put(property + "@odata.nextLink", graphBase + "/communications/callRecords/" + id + "/sessions?"
                    + (segments ? "$expand=segments&" : "") + "$skiptoken=" + (skip + size));
        }
    }

    private ObjectNode existing(String id) {
        ObjectNode record = byId.get(id);
        if (record == null) {
            throw GraphErrors.early(404, "ResourceNotFound", "Resource '" + id + "' does not exist.");
        }
        return record;
    }

    private static Set<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
