package io.ehrconnector.launch.devicetest;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.events.VisitLaunched.Channel;
import io.ehrconnector.events.VisitLaunched.EhrClient;
import io.ehrconnector.launch.visits.VisitLaunches;
import io.ehrconnector.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Announces one run of the device-test page: a {@code VisitLaunched} on the device-test channel and the
 * {@link DeviceTestReported} outcome, both through the outbox in one transaction, keyed like every other event of the visit.
 * A repeated report is just another run: audit counts runs, nobody acts on one.
 */
@ApplicationScoped
public class DeviceTestReports {

    private static final URI SOURCE = CloudEvent.serviceSource("launch-service");

    private final VisitLaunches launches;
    private final Outbox outbox;

    DeviceTestReports(VisitLaunches launches, Outbox outbox) {
        this.launches = launches;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> record(String configurationId, DeviceTestReport report) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String key = Topics.visitKey(configurationId, report.appointmentId());
        DeviceTestReported reported = new DeviceTestReported(configurationId, report.appointmentId(), report.camera(),
                report.microphone(), report.speaker(), report.browser(), now);
        // The page is opened from Epic's device-test record (MyChart or a clinician's workspace) without any launch
        // context, so which EHR application it came from is unknown.
        return launches.announce(configurationId, report.appointmentId(), Channel.DEVICE_TEST, EhrClient.OTHER, null, null)
                .chain(() -> outbox.enqueue(CloudEvent.of(EventType.DEVICE_TEST_REPORTED, SOURCE, key, now, reported), key));
    }
}
