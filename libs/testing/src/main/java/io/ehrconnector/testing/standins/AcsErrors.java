package io.ehrconnector.testing.standins;

import java.util.Map;

/** Azure Communication Services' error body ({@code {"error":{"code","message"}}}). */
final class AcsErrors {

    private AcsErrors() {
    }

    static StandInResponse error(int status, String code, String message) {
        return StandInResponse.json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    static EarlyResponse early(int status, String code, String message) {
        return new EarlyResponse(error(status, code, message));
    }

    /** What an injected failure looks like: 429 with Retry-After, or a 5xx. */
    static StandInResponse injected(int status) {
        StandInResponse response = error(status, status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Injected failure");
        return status == 429 || status == 503 ? response.withHeader("Retry-After", "1") : response;
    }
}
