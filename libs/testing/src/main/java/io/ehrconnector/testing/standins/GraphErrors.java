package io.ehrconnector.testing.standins;

import java.time.Instant;
import java.util.Map;

/** Microsoft Graph's error body ({@code {"error":{"code","message","innerError"}}}), which the Graph SDK maps to ODataError. */
final class GraphErrors {

    private GraphErrors() {
    }

    static StandInResponse error(int status, String code, String message) {
        String requestId = RandomIds.uuid();
        return StandInResponse.json(status, Map.of("error", Map.of("code", code, "message", message,
                        "innerError", Map.of("date", Instant.now().toString(), "request-id", requestId,
                                "client-request-id", requestId))))
                .withHeader("request-id", requestId);
    }

    static EarlyResponse early(int status, String code, String message) {
        return new EarlyResponse(error(status, code, message));
    }
}
