package io.ehrconnector.sms.erasure;

import io.ehrconnector.sms.appointments.SmsRecipientRepository;
import io.ehrconnector.support.retention.PurgeRuns;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Erases patients' numbers when their time comes: the visit's start, or an hour after a cancellation at the latest. Runs
 * every few seconds on every replica; the rows go for good (the only copy this service keeps).
 */
@ApplicationScoped
class PhoneErasure {

    private final SmsRecipientRepository recipients;

    PhoneErasure(SmsRecipientRepository recipients) {
        this.recipients = recipients;
    }

    @Scheduled(identity = "sms-phone-erasure", every = "${ehr.sms.erasure-every:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    Uni<Void> eraseDue() {
        return PurgeRuns.logged("phone number erasure", recipients.eraseDue());
    }
}
