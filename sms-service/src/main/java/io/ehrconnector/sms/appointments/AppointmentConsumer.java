package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.Topics;
import io.ehrconnector.support.events.ConsumerFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the appointments topic into {@link AppointmentIntake}, under the suite's consumer failure rules. */
@ApplicationScoped
class AppointmentConsumer {

    private final AppointmentIntake intake;

    AppointmentConsumer(AppointmentIntake intake) {
        this.intake = intake;
    }

    @Incoming(Topics.APPOINTMENTS)
    Uni<Void> consume(String recordValue) {
        return ConsumerFailures.guard(AppointmentIntake.CONSUMER, () -> intake.apply(recordValue));
    }
}
