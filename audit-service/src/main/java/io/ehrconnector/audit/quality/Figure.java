package io.ehrconnector.audit.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/** A figure that can be poor, named as in the event's media quality (and so in the API). */
public enum Figure {
    AVERAGE_JITTER_MS("averageJitterMs"),
    AVERAGE_PACKET_LOSS_RATE("averagePacketLossRate"),
    AVERAGE_ROUND_TRIP_MS("averageRoundTripMs"),
    AVERAGE_FRAME_RATE("averageFrameRate");

    private final String field;

    Figure(String field) {
        this.field = field;
    }

    @JsonValue
    public String field() {
        return field;
    }
}
