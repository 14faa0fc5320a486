package io.ehrconnector.audit.quality;

import io.ehrconnector.events.Topics;
import io.ehrconnector.support.events.ConsumerFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds {@code ehrconnector.call-quality} into {@link CallQualityIntake}, under the suite's consumer failure rules. */
@ApplicationScoped
class CallQualityConsumer {

    private final CallQualityIntake intake;

    CallQualityConsumer(CallQualityIntake intake) {
        this.intake = intake;
    }

    @Incoming(Topics.CALL_QUALITY)
    Uni<Void> callQuality(String value) {
        return ConsumerFailures.guard(CallQualityIntake.CONSUMER, () -> intake.apply(value));
    }
}
