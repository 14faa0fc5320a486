package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.meeting.GraphSettings;
import io.ehrconnector.launch.presence.PresenceUrls;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The addresses of call quality: this service's webhooks for call record notifications (under presence's notification base,
 * through the ingress's {@code /graph} route), and Graph's v1.0 endpoint, where call records and their subscriptions are.
 */
@ApplicationScoped
class CallRecordUrls {

    static final String NOTIFICATIONS_PATH = "/graph/call-records/notifications";
    static final String LIFECYCLE_PATH = "/graph/call-records/lifecycle";

    private final PresenceUrls webhooks;
    private final String graphV1;

    CallRecordUrls(PresenceUrls webhooks, GraphSettings graph) {
        this.webhooks = webhooks;
        String base = graph.baseUrl().toString();
        this.graphV1 = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String notifications() {
        return webhooks.webhook(NOTIFICATIONS_PATH);
    }

    String lifecycle() {
        return webhooks.webhook(LIFECYCLE_PATH);
    }

    /** {@code <v1.0>/subscriptions}. */
    String subscriptions() {
        return graphV1 + "/subscriptions";
    }

    /** True for a link Graph handed out to more of a call record (a next page): on Graph's own v1.0 endpoint. */
    boolean isGraphLink(String link) {
        return link != null && link.startsWith(graphV1 + "/communications/callRecords/");
    }
}
