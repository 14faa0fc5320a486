package io.ehrconnector.sms.erasure;

import io.ehrconnector.support.NativeSql;
import io.ehrconnector.support.retention.PurgeRuns;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Forgets appointments (and their texts' records) {@code ehr.sms.retention} after the visit started, long after any delivery
 * report can arrive, and the rate limit's old buckets. The texts' outcomes live on in the SMS-deliveries events.
 */
@ApplicationScoped
class SmsRetention {

    private final Duration retention;

    SmsRetention(@ConfigProperty(name = "ehr.sms.retention", defaultValue = "P30D") Duration retention) {
        this.retention = retention;
    }

    @Scheduled(identity = "sms-retention", every = "10m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    Uni<Void> purge() {
        return PurgeRuns.logged("SMS appointment retention", NativeSql.update("delete from sms_appointment where ctid in"
                        + " (select ctid from sms_appointment where starts_at < now() - make_interval(secs => ?1) limit 10000)",
                        (double) retention.toSeconds()))
                .call(() -> PurgeRuns.logged("SMS rate buckets", NativeSql.update(
                        "delete from sms_rate_bucket where second < now() - interval '5 minutes'")));
    }
}
