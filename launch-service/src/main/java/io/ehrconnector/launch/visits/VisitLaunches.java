package io.ehrconnector.launch.visits;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.events.VisitLaunched;
import io.ehrconnector.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Announces that someone entered a visit ({@link VisitLaunched} on the visit-launches topic, through the outbox so the
 * announcement is not lost when Kafka is briefly away). Every entry point (SMART launch, SMS link, device test) uses this.
 */
@ApplicationScoped
public class VisitLaunches {

    private static final URI SOURCE = CloudEvent.serviceSource("launch-service");

    private final Outbox outbox;

    VisitLaunches(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records the launch; returns its id.
     *
     * @param ehrUserId only for clinicians (channels PROVIDER and GROUP), else null
     */
    @WithTransaction
    public Uni<String> announce(String configurationId, String appointmentId, VisitLaunched.Channel channel,
                                VisitLaunched.EhrClient ehrClient, String ehrUserId, String meetingId) {
        String launchId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        VisitLaunched launched = new VisitLaunched(configurationId, appointmentId, launchId, channel, ehrClient, ehrUserId,
                meetingId, now);
        String key = Topics.visitKey(configurationId, appointmentId);
        CloudEvent<VisitLaunched> event = CloudEvent.of(EventType.VISIT_LAUNCHED, SOURCE, key, now, launched);
        return outbox.enqueue(event, key).replaceWith(launchId);
    }
}
