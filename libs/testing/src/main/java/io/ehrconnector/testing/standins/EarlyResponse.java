package io.ehrconnector.testing.standins;

/**
 * Thrown by a handler to stop and answer at once (a validation failure deep in a flow); the {@link Router} sends the
 * carried response. Not an error of the stand-in itself.
 */
final class EarlyResponse extends RuntimeException {

    private final transient StandInResponse response;

    EarlyResponse(StandInResponse response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    StandInResponse response() {
        return response;
    }
}
