package io.ehrconnector.launch.presence;

import io.ehrconnector.launch.meeting.GraphSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The URLs presence hands out: the webhook Graph notifies (through the ingress, reachable from Microsoft Graph), the live
 * roster pages providers open, and Graph's beta endpoint, where subscriptions to meeting call events exist.
 */
@ApplicationScoped
public class PresenceUrls {

    static final String NOTIFICATIONS_PATH = "/graph/notifications";
    static final String LIFECYCLE_PATH = "/graph/lifecycle";
    static final String LIVE_ROSTER_PATH = "/visits/live/";

    private final String publicBase;
    private final String notificationBase;
    private final String graphBeta;

    PresenceUrls(PresenceSettings settings, GraphSettings graph,
                 @ConfigProperty(name = "ehr.connector.public-url") String publicUrl) {
        this.publicBase = withoutTrailingSlash(publicUrl);
        this.notificationBase = settings.notificationBaseUrl().map(url -> withoutTrailingSlash(url.toString())).orElse(publicBase);
        this.graphBeta = settings.graphBetaUrl().map(url -> withoutTrailingSlash(url.toString()))
                .orElseGet(() -> betaOf(withoutTrailingSlash(graph.baseUrl().toString())));
    }

    String notifications() {
        return webhook(NOTIFICATIONS_PATH);
    }

    String lifecycle() {
        return webhook(LIFECYCLE_PATH);
    }

    /** A webhook of this service that Graph notifies, e.g. {@code <notification base>/graph/call-records/notifications}. */
    public String webhook(String path) {
        return notificationBase + path;
    }

    String liveRoster(String token) {
        return publicBase + LIVE_ROSTER_PATH + token;
    }

    /** {@code <beta>/subscriptions}: Graph's subscriptions to meeting call events. */
    String subscriptions() {
        return graphBeta + "/subscriptions";
    }

    /** {@code https://graph.microsoft.com/v1.0} becomes {@code https://graph.microsoft.com/beta}. */
    static String betaOf(String graphBaseUrl) {
        int version = graphBaseUrl.lastIndexOf('/');
        return graphBaseUrl.substring(0, version) + "/beta";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
