package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only Graph entities a test provides (users, call records), served by id with the {@code @odata.context} Graph
 * adds.
 */
final class GraphEntities {

    private final String entitySet;
    private final Map<String, ObjectNode> byId = new ConcurrentHashMap<>();

    /** @param entitySet the OData entity set name used in {@code @odata.context}, e.g. {@code users} */
    GraphEntities(String entitySet) {
        this.entitySet = entitySet;
    }

    void put(String id, Map<String, ?> json) {
        ObjectNode node = Json.toObject(json);
        node.put("id", id);
        byId.put(id, node);
    }

    Optional<ObjectNode> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    StandInResponse serve(StandInRequest request, String graphBase) {
        String id = request.pathParam(0);
        ObjectNode entity = get(id).orElseThrow(() -> GraphErrors.early(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present."));
        ObjectNode body = Json.object();
        body.put("@odata.context", graphBase + "/$metadata#" + entitySet + "/$entity");
        body.setAll(entity);
        return StandInResponse.json(200, body);
    }
}
