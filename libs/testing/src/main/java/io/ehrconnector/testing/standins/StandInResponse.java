package io.ehrconnector.testing.standins;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a stand-in answers, independent of the server that sends it. */
record StandInResponse(int status, Map<String, String> headers, byte[] body) {

    StandInResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static StandInResponse json(int status, Object body) {
        return json(status, body, "application/json; charset=utf-8");
    }

    static StandInResponse json(int status, Object body, String contentType) {
        return new StandInResponse(status, Map.of("Content-Type", contentType),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static StandInResponse html(int status, String html) {
        return new StandInResponse(status, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"),
                html.getBytes(StandardCharsets.UTF_8));
    }

    static StandInResponse text(int status, String text) {
        return new StandInResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    static StandInResponse redirect(String location) {
        return new StandInResponse(302, Map.of("Location", location, "Cache-Control", "no-store"), null);
    }

    static StandInResponse empty(int status) {
        return new StandInResponse(status, Map.of(), null);
    }

    StandInResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new StandInResponse(status, copy, body);
    }
}
