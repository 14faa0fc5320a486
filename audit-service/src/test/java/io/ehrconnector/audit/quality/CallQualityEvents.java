package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;

import java.time.OffsetDateTime;
import java.util.List;

/** Call quality events as launch-service publishes them: the id derived from the call record's id and version. */
final class CallQualityEvents {

    private CallQualityEvents() {
    }

    static CloudEvent<CallQualityReported> report(String configurationId, String appointmentId, String callRecordId,
                                                  long version, OffsetDateTime startedAt,
                                                  List<ParticipantQuality> participants) {
        CallQualityReported data = new CallQualityReported(configurationId, appointmentId, "meeting-" + appointmentId,
                callRecordId, version, startedAt, startedAt.plusMinutes(20), participants);
        return CloudEvent.of(EventType.CALL_QUALITY_REPORTED,
                CloudEvent.deterministicId(EventType.CALL_QUALITY_REPORTED, configurationId, callRecordId,
                        Long.toString(version)),
                CloudEvent.serviceSource("launch-service"), Topics.visitKey(configurationId, appointmentId),
                startedAt.plusMinutes(25), data);
    }

    /** A provider whose audio and video were fine. */
    static ParticipantQuality goodProvider(String participantId) {
        return new ParticipantQuality(List.of(participantId), Role.PROVIDER,
                new MediaQuality(2, 4.0, 19.0, 0.002, 0.031, 38.0, 112.0, null),
                new MediaQuality(2, 6.0, 24.0, 0.004, 0.02, 40.0, 118.0, 29.7), null);
    }

    /** A patient on a poor network: audio jitter, packet loss and round trip all beyond the default thresholds. */
    static ParticipantQuality poorPatient(String... participantIds) {
        return new ParticipantQuality(List.of(participantIds), Role.PATIENT,
                new MediaQuality(4, 41.5, 96.0, 0.124, 0.35, 510.0, 640.0, null), null, null);
    }
}
