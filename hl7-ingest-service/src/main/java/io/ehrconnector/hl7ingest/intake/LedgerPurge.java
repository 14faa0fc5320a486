package io.ehrconnector.hl7ingest.intake;

import io.ehrconnector.hl7ingest.config.Hl7Config;
import io.ehrconnector.hl7ingest.https.SignatureNonces;
import io.ehrconnector.support.retention.PurgeRuns;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps this service's two ledgers bounded: acknowledged control ids for {@code ehr.hl7.resend-window}, signature nonces
 * until their signatures are too old to be accepted anyway.
 */
@ApplicationScoped
public class LedgerPurge {

    private final ReceivedMessages received;
    private final SignatureNonces nonces;
    private final Duration resendWindow;

    LedgerPurge(ReceivedMessages received, SignatureNonces nonces, Hl7Config config) {
        this.received = received;
        this.nonces = nonces;
        this.resendWindow = config.hl7().resendWindow();
    }

    @Scheduled(every = "${ehr.retention.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return PurgeRuns.logged("HL7 ledger purge", purgeOnce(Instant.now()));
    }

    /** Deletes what is past its time at {@code now}; returns how many rows went. */
    public Uni<Integer> purgeOnce(Instant now) {
        return received.forgetBefore(now.minus(resendWindow))
                .flatMap(messages -> nonces.forgetExpired(now).map(signatures -> messages + signatures));
    }
}
