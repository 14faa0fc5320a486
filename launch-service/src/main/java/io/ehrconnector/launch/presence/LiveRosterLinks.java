package io.ehrconnector.launch.presence;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.launch.meeting.VisitMeeting;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Where a provider's launch goes: the visit's live roster page, which opens Teams and shows who is connected, or, with
 * presence or the page switched off, straight into the Teams meeting.
 */
@ApplicationScoped
public class LiveRosterLinks {

    private final PresenceSettings settings;
    private final LiveRosterTokens tokens;
    private final PresenceUrls urls;

    LiveRosterLinks(PresenceSettings settings, LiveRosterTokens tokens, PresenceUrls urls) {
        this.settings = settings;
        this.tokens = tokens;
        this.urls = urls;
    }

    public URI providerEntry(ConfigurationSnapshot configuration, String meetingKey, VisitMeeting meeting) {
        if (!settings.enabled() || !settings.providerLivePage()) {
            return URI.create(meeting.joinWebUrl());
        }
        return URI.create(urls.liveRoster(tokens.mint(configuration.configurationId(), meetingKey)));
    }
}
