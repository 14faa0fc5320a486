package io.ehrconnector.events;

import java.time.OffsetDateTime;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * A participant joined or left a visit's Teams meeting, from Microsoft Graph meeting-roster notifications. The data of
 * {@link EventType#PARTICIPANT_CONNECTED} and {@link EventType#PARTICIPANT_DISCONNECTED}, published by launch-service on
 * {@link Topics#VISIT_PARTICIPANTS} (key {@link Topics#visitKey}): the stream that audit-service and outside audit consumers
 * read, so it carries ids and times only.
 *
 * @param configurationId the configuration (FHIR base URL) of the visit, a UUID
 * @param appointmentId   the EHR's id of the appointment
 * @param meetingId       Microsoft Graph onlineMeeting id of the visit's Teams meeting
 * @param participantId   opaque id of the participant, stable for that participant within this meeting (so a connect and its
 *                        disconnect match), meaningless outside it
 * @param role            the participant's part in the visit
 * @param ehrUserId       the EHR user's unique id when the participant is a provider the connector launched; null otherwise,
 *                        and never for patients or guests
 * @param occurredAt      when the participant joined or left (Graph's time, not the time of the notification)
 */
public record ParticipantPresence(
        String configurationId,
        String appointmentId,
        String meetingId,
        String participantId,
        Role role,
        String ehrUserId,
        OffsetDateTime occurredAt) {

    /** The participant's part in the visit; a closed set. */
    public enum Role {
        /** A clinician who launched from the EHR. */
        PROVIDER,
        /** The patient (anonymous browser join, through the lobby). */
        PATIENT,
        /** Anyone else admitted to the meeting (interpreter, family member). */
        GUEST
    }

    public ParticipantPresence {
        required(configurationId, "configurationId");
        required(appointmentId, "appointmentId");
        required(meetingId, "meetingId");
        required(participantId, "participantId");
        required(role, "role");
        required(occurredAt, "occurredAt");
        check(ehrUserId == null || role == Role.PROVIDER, "ehrUserId", "is only allowed for role PROVIDER");
    }
}
