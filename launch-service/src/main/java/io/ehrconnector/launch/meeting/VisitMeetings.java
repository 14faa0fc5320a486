package io.ehrconnector.launch.meeting;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * The one Teams meeting of a visit, shared by every participant who launches it: per configuration and appointment (id or
 * CSN), or per conference id for a group visit. The first launch creates it in Teams and remembers it; later launches read
 * it from the database without calling Microsoft Graph. Launches racing for a new visit end in the same meeting: Graph's
 * createOrGet is idempotent, and the first row stored wins.
 *
 * <p>Call it on a Vert.x context (a reactive endpoint); it uses the current Panache session if there is one. Every meeting
 * it hands out is announced as a {@link VisitMeetingEntered} event (the visit's roster is watched from then on).
 */
@ApplicationScoped
public class VisitMeetings {

    /** The longest meeting key the table takes; Epic's CSNs and appointment ids are far shorter. */
    static final int MAX_KEY_LENGTH = 200;

    private final StoredVisitMeetings stored;
    private final TeamsMeetings teams;
    private final Event<VisitMeetingEntered> entered;

    VisitMeetings(StoredVisitMeetings stored, TeamsMeetings teams, Event<VisitMeetingEntered> entered) {
        this.stored = stored;
        this.teams = teams;
        this.entered = entered;
    }

    /**
     * The visit's meeting, created in Teams if it has none yet.
     *
     * @param meetingKey the appointment id, CSN or conference id the launch named
     * @return fails with {@link NoOrganizerException} when the configuration's tenant has no organizer, with
     *         {@link TeamsUnavailableException} when Teams did not create the meeting (nothing is stored then)
     */
    public Uni<VisitMeeting> meetingFor(ConfigurationSnapshot configuration, String meetingKey) {
        if (meetingKey == null || meetingKey.isBlank() || meetingKey.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "a meeting key is 1 to " + MAX_KEY_LENGTH + " characters, not blank"));
        }
        String configurationId = configuration.configurationId();
        return Panache.withSession(() -> stored.find(configurationId, meetingKey))
                .flatMap(known -> known != null
                        ? Uni.createFrom().item(known.meeting())
                        : teams.createOrGet(configuration, meetingKey)
                                .flatMap(created -> Panache.withTransaction(() -> stored
                                        .rememberIfAbsent(configurationId, meetingKey, created)
                                        .flatMap(ignored -> stored.find(configurationId, meetingKey)))
                                        .map(StoredVisitMeeting::meeting)))
                .invoke(meeting -> entered.fire(new VisitMeetingEntered(configuration, meetingKey, meeting)));
    }
}
