package io.ehrconnector.launch.links;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.VisitLaunched;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.launch.visits.VisitLaunches;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.links.JoinLink;
import io.ehrconnector.support.links.JoinLinkTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Opens the visit an SMS join link names: the link must verify and its configuration still be approved (disabling a
 * configuration stops its links); then the visit's one Teams meeting, shared with the provider's launch, and the
 * announcement of the patient's entry.
 */
@ApplicationScoped
@WithSession
public class JoinLinkVisits {

    private final JoinLinkTokens tokens;
    private final KnownConfigurationRepository configurations;
    private final VisitMeetings meetings;
    private final VisitLaunches launches;

    JoinLinkVisits(JoinLinkTokens tokens, KnownConfigurationRepository configurations, VisitMeetings meetings,
                   VisitLaunches launches) {
        this.tokens = tokens;
        this.configurations = configurations;
        this.meetings = meetings;
        this.launches = launches;
    }

    /**
     * Checks that the link would open its visit, and nothing more: no meeting is made and no entry announced.
     *
     * @return fails as {@link #join} fails for a link that opens nothing
     */
    public Uni<Void> check(String token) {
        JoinLink link = tokens.verify(token);
        return approvedConfiguration(link).replaceWithVoid();
    }

    /**
     * The join URL of the visit's meeting; the patient's entry is announced.
     *
     * @return fails with {@link io.ehrconnector.support.links.JoinLinkRejected} for a token that opens nothing, with
     *         {@link io.ehrconnector.launch.smart.LaunchRefused} for a configuration that is gone or not approved, and
     *         with the meeting package's problems when Teams fails
     */
    public Uni<URI> join(String token) {
        JoinLink link = tokens.verify(token);
        return approvedConfiguration(link)
                .flatMap(configuration -> meetings.meetingFor(configuration, link.appointmentId()))
                .flatMap(meeting -> launches.announce(link.configurationId(), link.appointmentId(),
                                VisitLaunched.Channel.SMS_LINK, VisitLaunched.EhrClient.SMS, null, meeting.meetingId())
                        .replaceWith(URI.create(meeting.joinWebUrl())));
    }

    private Uni<ConfigurationSnapshot> approvedConfiguration(JoinLink link) {
        return configurations.findById(link.configurationId()).map(known -> approved(known, link));
    }

    private static ConfigurationSnapshot approved(KnownConfiguration known, JoinLink link) {
        ConfigurationSnapshot configuration = known == null ? null : known.snapshot();
        if (configuration == null || !configuration.isApproved()) {
            Log.infof("join link refused: configuration %s is %s", link.configurationId(),
                    configuration == null ? "unknown" : configuration.status());
            throw JoinLinkRefusals.linkDoesNotWork();
        }
        return configuration;
    }
}
