package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.presence.PresenceSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How each visit's call quality is reported ({@code ehr.call-quality.*}): the Graph subscription to each hospital tenant's
 * call records, and the worker that fetches the records of visit meetings. The webhook's URL base and body limit are
 * presence's ({@code ehr.presence.notification-base-url}, {@code ehr.presence.max-notification-bytes}).
 */
@ConfigMapping(prefix = "ehr.call-quality")
public interface CallQualitySettings {

    /** On: subscriptions are kept and call records fetched. Unset: as presence ({@code ehr.presence.enabled}). */
    Optional<Boolean> enabled();

    /** How long a subscription is asked for: Graph's longest for call records, 4230 minutes. */
    @WithDefault("PT70H30M")
    Duration subscriptionLifetime();

    /** A subscription that expires within this is renewed. */
    @WithDefault("PT6H")
    Duration renewAhead();

    /** How often the subscription keeper looks for work (create, renew, reauthorize; it is also woken by Graph). */
    @WithDefault("1m")
    Duration keeperInterval();

    /** How often the worker looks for call records due to be fetched (it is also woken when one is announced). */
    @WithDefault("30s")
    Duration workerInterval();

    /**
     * How long after Graph announced a call record the worker keeps trying to fetch it (Graph answers 404 until the record
     * is ready, and may fail); then it is given up with a warning.
     */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** Whether call quality runs, given presence's settings. */
    default boolean active(PresenceSettings presence) {
        return enabled().orElseGet(presence::enabled);
    }
}
