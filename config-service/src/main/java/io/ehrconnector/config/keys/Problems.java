package io.ehrconnector.config.keys;

import io.ehrconnector.events.EnvironmentPaths;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details answered by the key endpoints. Details never repeat request input. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static Response unknownEnvironment() {
        return problem(Response.Status.NOT_FOUND, "https://ehr-connector.io/problems/unknown-environment",
                "Unknown environment", "There are keys for these environments only: " + EnvironmentPaths.ALL + ".");
    }

    static Response rotationPending(ConnectorKeyView pending) {
        return problem(Response.Status.CONFLICT, "https://ehr-connector.io/problems/rotation-pending", "Rotation already pending",
                "Key " + pending.kid() + " is published and becomes the signing key at " + pending.activateAt()
                        + "; rotate again after that.");
    }

    static Response problem(Response.Status status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        try {
            return Response.status(status).type(MEDIA_TYPE).entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
