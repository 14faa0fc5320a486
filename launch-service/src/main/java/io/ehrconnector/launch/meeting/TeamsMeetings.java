package io.ehrconnector.launch.meeting;

import com.microsoft.graph.models.OnlineMeeting;
import com.microsoft.graph.users.item.onlinemeetings.OnlineMeetingsRequestBuilder;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Creates a visit's meeting in Microsoft Teams, or gets it when it exists: createOrGet is idempotent on organizer and
 * externalId, so launches racing for one new visit, or a launch after the stored row was purged, meet in the same meeting.
 * The tenant's organizer account organizes it; the token is the connector app's from that tenant.
 */
@ApplicationScoped
class TeamsMeetings {

    private final MeetingOrganizers organizers;
    private final GraphClients clients;
    private final GraphCalls calls;
    private final MeetingExternalIds externalIds;

    TeamsMeetings(MeetingOrganizers organizers, GraphClients clients, GraphCalls calls, MeetingExternalIds externalIds) {
        this.organizers = organizers;
        this.clients = clients;
        this.calls = calls;
        this.externalIds = externalIds;
    }

    /** Fails with {@link NoOrganizerException} or {@link TeamsUnavailableException}. */
    Uni<VisitMeeting> createOrGet(ConfigurationSnapshot configuration, String meetingKey) {
        return Uni.createFrom().item(() -> organizers.organizerOf(configuration.tenantId()))
                .flatMap(organizer -> calls.run(() -> withVisitOptions(clients.forTenant(configuration.tenantId())
                                .users().byUserId(organizer).onlineMeetings(), configuration,
                                externalIds.of(configuration.configurationId(), meetingKey)))
                        .map(meeting -> visitMeeting(meeting, organizer))
                        .onFailure().transform(failure -> unavailable(configuration, failure)))
                .invoke(meeting -> Log.infof("Teams meeting %s ready for configuration %s", meeting.meetingId(),
                        configuration.configurationId()));
    }

    /** createOrGet, then the options the visit needs when the meeting lacks them (a new one; one changed in Teams). */
    private static OnlineMeeting withVisitOptions(OnlineMeetingsRequestBuilder meetings, ConfigurationSnapshot configuration,
                                                  String externalId) {
        OnlineMeeting meeting = meetings.createOrGet().post(VisitMeetingRequest.of(configuration, externalId, Instant.now()));
        if (meeting == null || meeting.getId() == null || VisitMeetingRequest.hasOptions(meeting)) {
            return meeting;
        }
        OnlineMeeting updated = meetings.byOnlineMeetingId(meeting.getId()).patch(VisitMeetingRequest.options());
        return updated == null ? meeting : updated;
    }

    private static VisitMeeting visitMeeting(OnlineMeeting meeting, String organizer) {
        if (meeting == null || isBlank(meeting.getId()) || isBlank(meeting.getJoinWebUrl())) {
            throw new IllegalStateException("Graph answered createOrGet without a meeting id or join URL");
        }
        return new VisitMeeting(meeting.getId(), meeting.getJoinWebUrl(), organizer);
    }

    private static TeamsUnavailableException unavailable(ConfigurationSnapshot configuration, Throwable failure) {
        String reason = GraphFailures.reason(failure);
        Log.warnf("Teams meeting for configuration %s not created: %s", configuration.configurationId(), reason);
        return new TeamsUnavailableException(reason);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
