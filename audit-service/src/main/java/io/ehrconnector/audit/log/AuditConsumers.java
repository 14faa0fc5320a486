package io.ehrconnector.audit.log;

import io.ehrconnector.events.Topics;
import io.ehrconnector.support.events.ConsumerFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the audited topics into {@link AuditIntake}, under the suite's consumer failure rules. Whole records, not only their
 * values: a write-back given up later is dead-lettered with the record's coordinates, as a failed consumer's would be.
 */
@ApplicationScoped
class AuditConsumers {

    private final AuditIntake intake;

    AuditConsumers(AuditIntake intake) {
        this.intake = intake;
    }

    @Incoming(Topics.VISIT_PARTICIPANTS)
    Uni<Void> participants(ConsumerRecord<String, String> record) {
        return consume(record);
    }

    @Incoming(Topics.APPOINTMENTS)
    Uni<Void> appointments(ConsumerRecord<String, String> record) {
        return consume(record);
    }

    @Incoming(Topics.VISIT_LAUNCHES)
    Uni<Void> launches(ConsumerRecord<String, String> record) {
        return consume(record);
    }

    @Incoming(Topics.SMS_DELIVERIES)
    Uni<Void> smsDeliveries(ConsumerRecord<String, String> record) {
        return consume(record);
    }

    private Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ConsumerFailures.guard(AuditIntake.CONSUMER, () -> intake.apply(SourceRecord.of(record)));
    }
}
