package io.ehrconnector.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;

/**
 * Someone entered a visit through the connector: a SMART launch from the EHR, a click on an SMS join link, or the device-test
 * page. Published by launch-service on {@link Topics#VISIT_LAUNCHES} once the launch is complete (the meeting exists and the
 * user is being sent into it), key {@link Topics#visitKey}.
 *
 * @param configurationId the configuration (FHIR base URL) the launch came through, a UUID
 * @param appointmentId   the EHR's id of the appointment; null only for a device test started outside any visit
 * @param launchId        id of this launch (one SMART launch, link click or device-test visit), a UUID, unique per launch
 * @param channel         which entry point was used
 * @param ehrClient       which EHR application (or SMS) the user came from
 * @param ehrUserId       the EHR user's unique id (SMART {@code fhirUser}) of the clinician who launched; only for channels
 *                        {@link Channel#PROVIDER} and {@link Channel#GROUP}, null otherwise. The only personal id events carry
 * @param meetingId       Microsoft Graph onlineMeeting id of the visit's Teams meeting; null only for {@link Channel#DEVICE_TEST}
 * @param launchedAt      when the launch completed
 */
public record VisitLaunched(
        String configurationId,
        String appointmentId,
        String launchId,
        Channel channel,
        EhrClient ehrClient,
        String ehrUserId,
        String meetingId,
        OffsetDateTime launchedAt) {

    /** Channels whose user is a clinician of the EHR, the only ones that may name an {@code ehrUserId}. */
    private static final Set<Channel> CLINICIAN_CHANNELS = EnumSet.of(Channel.PROVIDER, Channel.GROUP);

    /** Entry point of the launch; a closed set. */
    public enum Channel {
        /** SMART launch of a provider from the EHR. */
        PROVIDER,
        /** SMART launch of a patient from the patient portal. */
        PATIENT,
        /** SMART launch of a group visit (several patients) from the EHR. */
        GROUP,
        /** A patient opened the signed join link of a confirmation or reminder SMS. */
        SMS_LINK,
        /** The device-test page (camera, microphone, speaker, browser); joins no meeting. */
        DEVICE_TEST
    }

    /**
     * The application the user launched from. An open set: a newer producer may add values, which older consumers read as
     * {@link #OTHER}.
     */
    public enum EhrClient {
        /** Epic Hyperspace (desktop). */
        HYPERSPACE,
        /** Epic Haiku (phone). */
        HAIKU,
        /** Epic Canto (tablet). */
        CANTO,
        /** Epic MyChart (patient portal, web or app). */
        MYCHART,
        /** An SMS join link, no EHR application involved. */
        SMS,
        /** Anything else, and any value this version does not know. */
        @JsonEnumDefaultValue
        OTHER
    }

    public VisitLaunched {
        required(configurationId, "configurationId");
        required(launchId, "launchId");
        required(channel, "channel");
        required(ehrClient, "ehrClient");
        required(launchedAt, "launchedAt");
        if (channel != Channel.DEVICE_TEST) {
            required(appointmentId, "appointmentId");
            required(meetingId, "meetingId");
        }
        check(ehrUserId == null || CLINICIAN_CHANNELS.contains(channel), "ehrUserId",
                "is only allowed for channels PROVIDER and GROUP");
    }
}
