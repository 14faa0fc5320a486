package io.ehrconnector.events;

import java.time.OffsetDateTime;
import java.util.List;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;
import static io.ehrconnector.events.ContractViolation.requiredList;

/**
 * How the media of each participant of a visit's Teams meeting call fared, from the Microsoft Graph call record that Teams
 * makes after the call has ended. The data of {@link EventType#CALL_QUALITY_REPORTED}, published by launch-service on
 * {@link Topics#CALL_QUALITY} (key {@link Topics#visitKey}) once per call record and version. Figures only: who a participant
 * is shows only as the opaque participant ids of the presence events and a role.
 *
 * @param configurationId   the configuration (FHIR base URL) of the visit, a UUID
 * @param appointmentId     the EHR's id of the appointment
 * @param meetingId         Microsoft Graph onlineMeeting id of the visit's Teams meeting
 * @param callRecordId      Graph's id of the call record; a meeting that was left empty and joined again has one per call
 * @param callRecordVersion Graph's version of the call record; a later version replaces an earlier one
 * @param callStartedAt     when the first participant joined the call
 * @param callEndedAt       when the last participant left it
 * @param participants      one entry per participant Graph measured; possibly empty
 */
public record CallQualityReported(
        String configurationId,
        String appointmentId,
        String meetingId,
        String callRecordId,
        long callRecordVersion,
        OffsetDateTime callStartedAt,
        OffsetDateTime callEndedAt,
        List<ParticipantQuality> participants) {

    /** More participants than a Teams meeting admits means the data is not a visit's. */
    public static final int MAX_PARTICIPANTS = 1000;

    public CallQualityReported {
        required(configurationId, "configurationId");
        required(appointmentId, "appointmentId");
        required(meetingId, "meetingId");
        required(callRecordId, "callRecordId");
        check(callRecordVersion >= 0, "callRecordVersion", "is negative");
        required(callStartedAt, "callStartedAt");
        required(callEndedAt, "callEndedAt");
        check(!callEndedAt.isBefore(callStartedAt), "callEndedAt", "is before callStartedAt");
        participants = requiredList(participants, "participants");
        check(participants.size() <= MAX_PARTICIPANTS, "participants", "has more entries than a meeting admits");
    }

    /**
     * The media quality of one participant, over every session and stream the participant had in the call.
     *
     * @param participantIds the participant ids of this participant's presence events in the meeting (one per join); empty
     *                       when presence saw none of the participant's joins
     * @param role           the participant's part in the visit
     * @param audio          the participant's audio streams, both directions; null when there was no audio
     * @param video          the participant's camera video streams; null when there was none
     * @param screenSharing  the participant's screen-sharing streams; null when there was none
     */
    public record ParticipantQuality(
            List<String> participantIds,
            ParticipantPresence.Role role,
            MediaQuality audio,
            MediaQuality video,
            MediaQuality screenSharing) {

        public ParticipantQuality {
            participantIds = requiredList(participantIds, "participantIds");
            required(role, "role");
        }
    }

    /**
     * Figures of the streams of one kind of media, as Graph measured them. An average is the mean of the streams' averages, a
     * maximum the largest of their maxima; a figure no stream reported is null.
     *
     * @param streams               how many streams the figures cover (each direction of each session counts)
     * @param averageJitterMs       average jitter, in milliseconds
     * @param maxJitterMs           maximum jitter, in milliseconds
     * @param averagePacketLossRate average share of packets lost, 0 to 1
     * @param maxPacketLossRate     maximum share of packets lost, 0 to 1
     * @param averageRoundTripMs    average network round-trip time, in milliseconds
     * @param maxRoundTripMs        maximum network round-trip time, in milliseconds
     * @param averageFrameRate      average frames per second received (video and screen sharing only)
     */
    public record MediaQuality(
            int streams,
            Double averageJitterMs,
            Double maxJitterMs,
            Double averagePacketLossRate,
            Double maxPacketLossRate,
            Double averageRoundTripMs,
            Double maxRoundTripMs,
            Double averageFrameRate) {

        public MediaQuality {
            check(streams > 0, "streams", "is not positive");
            checkRate(averagePacketLossRate, "averagePacketLossRate");
            checkRate(maxPacketLossRate, "maxPacketLossRate");
            checkNotNegative(averageJitterMs, "averageJitterMs");
            checkNotNegative(maxJitterMs, "maxJitterMs");
            checkNotNegative(averageRoundTripMs, "averageRoundTripMs");
            checkNotNegative(maxRoundTripMs, "maxRoundTripMs");
            checkNotNegative(averageFrameRate, "averageFrameRate");
        }

        private static void checkRate(Double rate, String field) {
            check(rate == null || (rate >= 0 && rate <= 1), field, "is not between 0 and 1");
        }

        private static void checkNotNegative(Double value, String field) {
            check(value == null || (value >= 0 && !value.isInfinite()), field, "is negative or not finite");
        }
    }
}
