package io.ehrconnector.audit.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.CloudEventCodec;

import java.util.List;

/** A call record's participants in {@code call_quality.participants_json}: the event's own JSON form, read back checked. */
final class StoredParticipants {

    private static final TypeReference<List<ParticipantQuality>> TYPE = new TypeReference<>() {
    };

    private StoredParticipants() {
    }

    static String toJson(List<ParticipantQuality> participants) {
        try {
            return CloudEventCodec.mapper().writeValueAsString(participants);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("participants of a call record do not serialise", e);
        }
    }

    static List<ParticipantQuality> fromJson(String json) {
        try {
            return CloudEventCodec.mapper().readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            // no cause: Jackson's messages quote the input
            throw new IllegalStateException("stored participants of a call record do not parse", null);
        }
    }
}
