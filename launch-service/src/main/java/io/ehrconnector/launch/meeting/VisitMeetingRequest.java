package io.ehrconnector.launch.meeting;

import com.microsoft.graph.models.LobbyBypassScope;
import com.microsoft.graph.models.LobbyBypassSettings;
import com.microsoft.graph.models.MeetingChatMode;
import com.microsoft.graph.models.OnlineMeeting;
import com.microsoft.graph.models.OnlineMeetingPresenters;
import com.microsoft.graph.users.item.onlinemeetings.createorget.CreateOrGetPostRequestBody;
import io.ehrconnector.events.ConfigurationSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The createOrGet request for a visit's meeting: what Teams needs and nothing that names the patient or the provider. Patients
 * and guests wait in the lobby until someone of the hospital admits them; only the hospital's people present; chat only
 * while the meeting runs; everyone hears who joins and leaves.
 */
final class VisitMeetingRequest {

    static final String SUBJECT = "Virtual visit";
    /** Teams needs a span; a link keeps working after it ends, so it only shapes what Teams shows. */
    static final Duration SCHEDULED_LENGTH = Duration.ofHours(1);

    private VisitMeetingRequest() {
    }

    /** @param externalId the visit's {@link MeetingExternalIds externalId} */
    static CreateOrGetPostRequestBody of(ConfigurationSnapshot configuration, String externalId, Instant now) {
        CreateOrGetPostRequestBody body = new CreateOrGetPostRequestBody();
        body.setExternalId(externalId);
        body.setSubject(subject(configuration));
        body.setStartDateTime(now.atOffset(ZoneOffset.UTC));
        body.setEndDateTime(now.plus(SCHEDULED_LENGTH).atOffset(ZoneOffset.UTC));
        return body;
    }

    /**
     * The meeting options a visit needs. createOrGet takes only externalId, subject, times, participants and chat info, so
     * these are set by an update (PATCH) when the meeting does not have them yet.
     */
    static OnlineMeeting options() {
        OnlineMeeting options = new OnlineMeeting();
        LobbyBypassSettings lobby = new LobbyBypassSettings();
        lobby.setScope(LobbyBypassScope.Organization);
        lobby.setIsDialInBypassEnabled(false);
        options.setLobbyBypassSettings(lobby);
        options.setAllowedPresenters(OnlineMeetingPresenters.Organization);
        options.setAllowMeetingChat(MeetingChatMode.Limited);
        options.setIsEntryExitAnnounced(true);
        return options;
    }

    /** Whether {@code meeting} already has {@link #options()} (then no update is sent). */
    static boolean hasOptions(OnlineMeeting meeting) {
        LobbyBypassSettings lobby = meeting.getLobbyBypassSettings();
        return lobby != null && lobby.getScope() == LobbyBypassScope.Organization
                && !Boolean.TRUE.equals(lobby.getIsDialInBypassEnabled())
                && meeting.getAllowedPresenters() == OnlineMeetingPresenters.Organization
                && meeting.getAllowMeetingChat() == MeetingChatMode.Limited
                && Boolean.TRUE.equals(meeting.getIsEntryExitAnnounced());
    }

    /** "Virtual visit", with the hospital's name when the configuration has one. */
    static String subject(ConfigurationSnapshot configuration) {
        String organization = configuration.organizationName();
        return organization == null || organization.isBlank() ? SUBJECT : SUBJECT + " - " + organization.strip();
    }
}
