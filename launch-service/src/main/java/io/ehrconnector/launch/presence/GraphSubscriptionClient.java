package io.ehrconnector.launch.presence;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.ehrconnector.launch.meeting.GraphCalls;
import io.ehrconnector.launch.meeting.GraphClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * Graph change-notification subscriptions of a hospital tenant, app-only with the tenant's token, through the meeting
 * package's Graph clients and call pool, at a {@code subscriptions} collection the caller names (Graph's beta endpoint for
 * meeting call events, v1.0 for call records). Failures are Graph's own exceptions;
 * {@link io.ehrconnector.launch.meeting.GraphFailures} describes them safely.
 */
@ApplicationScoped
public class GraphSubscriptionClient {

    /** Roster updates and call start and end are all {@code updated} changes of the meeting. */
    static final String CHANGE_TYPE = "updated";

    private final GraphClients clients;
    private final GraphCalls calls;
    private final PresenceUrls urls;

    GraphSubscriptionClient(GraphClients clients, GraphCalls calls, PresenceUrls urls) {
        this.clients = clients;
        this.calls = calls;
        this.urls = urls;
    }

    /**
     * Subscribes to the call events of the meeting with {@code joinWebUrl} until {@code expiry}. Graph checks that both
     * webhook URLs answer its validation handshake before it answers.
     */
    Uni<Subscription> create(String tenantId, String joinWebUrl, String clientState, OffsetDateTime expiry) {
        Subscription request = new Subscription();
        request.setChangeType(CHANGE_TYPE);
        request.setResource(RosterResource.of(joinWebUrl));
        request.setNotificationUrl(urls.notifications());
        request.setLifecycleNotificationUrl(urls.lifecycle());
        request.setClientState(clientState);
        request.setExpirationDateTime(expiry);
        return create(tenantId, urls.subscriptions(), request);
    }

    /** Makes the subscription {@code request} at {@code subscriptions} (e.g. {@code https://graph.microsoft.com/v1.0/subscriptions}). */
    public Uni<Subscription> create(String tenantId, String subscriptions, Subscription request) {
        return calls.run(() -> graph(tenantId).subscriptions().withUrl(subscriptions).post(request));
    }

    Uni<OffsetDateTime> renew(String tenantId, String subscriptionId, OffsetDateTime expiry) {
        return renew(tenantId, urls.subscriptions(), subscriptionId, expiry);
    }

    /** Moves the subscription's expiry to {@code expiry}; returns the expiry Graph kept. */
    public Uni<OffsetDateTime> renew(String tenantId, String subscriptions, String subscriptionId, OffsetDateTime expiry) {
        Subscription change = new Subscription();
        change.setExpirationDateTime(expiry);
        return calls.run(() -> graph(tenantId).subscriptions().bySubscriptionId(subscriptionId)
                        .withUrl(subscriptions + "/" + subscriptionId).patch(change))
                .map(renewed -> renewed == null || renewed.getExpirationDateTime() == null ? expiry
                        : renewed.getExpirationDateTime());
    }

    Uni<Void> reauthorize(String tenantId, String subscriptionId) {
        return reauthorize(tenantId, urls.subscriptions(), subscriptionId);
    }

    /** Answers Graph's {@code reauthorizationRequired}: the subscription goes on with a fresh authorization. */
    public Uni<Void> reauthorize(String tenantId, String subscriptions, String subscriptionId) {
        return calls.run(() -> {
            graph(tenantId).subscriptions().bySubscriptionId(subscriptionId).reauthorize()
                    .withUrl(subscriptions + "/" + subscriptionId + "/reauthorize").post();
            return null;
        });
    }

    Uni<Void> delete(String tenantId, String subscriptionId) {
        return delete(tenantId, urls.subscriptions(), subscriptionId);
    }

    public Uni<Void> delete(String tenantId, String subscriptions, String subscriptionId) {
        return calls.run(() -> {
            graph(tenantId).subscriptions().bySubscriptionId(subscriptionId).withUrl(subscriptions + "/" + subscriptionId)
                    .delete();
            return null;
        });
    }

    private GraphServiceClient graph(String tenantId) {
        return clients.forTenant(tenantId);
    }
}
