package io.ehrconnector.launch.presence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Who is in a visit, in real time ({@code ehr.presence.*}): the Graph subscriptions to each visit meeting's call events, the
 * webhook that receives them, and the providers' live roster.
 */
@ConfigMapping(prefix = "ehr.presence")
public interface PresenceSettings {

    /** Off: no subscriptions are made and providers go straight into Teams. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The presence key, base64 of 32 random bytes, from a secret ({@code EHR_PRESENCE_KEY}): participant ids and live
     * roster links are HMACs under keys derived from it. Changing it changes the ids of participants already seen.
     */
    Optional<String> key();

    /**
     * Where Microsoft Graph sends notifications ({@code <base>/graph/notifications}, {@code <base>/graph/lifecycle});
     * defaults to {@code ehr.connector.public-url}. Must be reachable from Microsoft Graph over https.
     */
    Optional<URI> notificationBaseUrl();

    /**
     * Graph's beta endpoint, where subscriptions to meeting call events exist; defaults to {@code ehr.graph.base-url} with
     * its version replaced by {@code beta}.
     */
    Optional<URI> graphBetaUrl();

    /** How long a subscription is asked for: Graph's longest for online meetings, 4230 minutes. */
    @WithDefault("PT70H30M")
    Duration subscriptionLifetime();

    /** A subscription that expires within this while its visit is still watched is renewed. */
    @WithDefault("PT6H")
    Duration renewAhead();

    /** How long after someone last entered a visit its roster is watched; then the subscription is deleted. */
    @WithDefault("PT24H")
    Duration watchPeriod();

    /** How often the subscription keeper looks for work (create, renew, reauthorize, resync, delete). */
    @WithDefault("10s")
    Duration keeperInterval();

    /** How often the notification worker looks for accepted notifications left unprocessed (it is also woken at once). */
    @WithDefault("5s")
    Duration workerInterval();

    /** After a {@code missed} notification, how long to wait before asking Graph again for an attendance report. */
    @WithDefault("PT15M")
    Duration resyncRetry();

    /** The largest notification body accepted; Graph batches notifications, each a few hundred bytes. */
    @WithDefault("1048576")
    int maxNotificationBytes();

    /** On: a provider's launch opens the live roster page, which opens Teams; off: the launch goes straight into Teams. */
    @WithDefault("true")
    boolean providerLivePage();

    /** How long a live roster link works. */
    @WithDefault("PT4H")
    Duration liveViewLifetime();

    /** How often an open live roster stream gets a heartbeat comment (proxies close idle connections). */
    @WithDefault("PT15S")
    Duration liveViewHeartbeat();
}
