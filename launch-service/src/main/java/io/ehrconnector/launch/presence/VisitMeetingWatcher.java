package io.ehrconnector.launch.presence;

import io.ehrconnector.launch.meeting.VisitMeetingEntered;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Watches the roster of every visit someone enters. The launch does not wait for it: the watch is recorded and the
 * subscription made on their own, and a failure is logged and tried again (a few times now, and at every later entry).
 */
@ApplicationScoped
class VisitMeetingWatcher {

    private final PresenceSettings settings;
    private final RosterSubscriptions subscriptions;
    private final Detached detached;

    VisitMeetingWatcher(PresenceSettings settings, RosterSubscriptions subscriptions, Detached detached) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.detached = detached;
    }

    void entered(@Observes VisitMeetingEntered entered) {
        if (settings.enabled()) {
            // The retries stay on the detached context, which the reactive session needs.
            detached.run("watching a visit's roster", () -> subscriptions.watch(entered)
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10))
                    .withExecutor(ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext())
                    .atMost(3));
        }
    }
}
