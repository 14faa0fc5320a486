package io.ehrconnector.audit.retention;

import io.ehrconnector.support.retention.PurgeRuns;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps audit-service's tables from growing without bound. Written write-back rows go after
 * {@code ehr.retention.ehr-writes} (the EHR holds what was written; the row only shows the queue's history). The audit log,
 * the visit reports and call quality go after {@code ehr.retention.audit-log}, six years by default (2,192 days, leap days
 * included): the HIPAA retention period for documentation, which a hospital's compliance office may set longer. A
 * write-back given up on (parked) goes with its audit row, never before it.
 */
@ApplicationScoped
public class AuditRetention {

    private static final int BATCH = 5_000;
    /**
     * The audit log is also the ledger of processed events: it must outlive the replay window of the audited topics (30 days
     * for the participants topic), or a replay would be written to the EHR twice.
     */
    static final Duration MIN_AUDIT_LOG_RETENTION = Duration.ofDays(31);

    private final ExpiredAuditRows rows;
    private final Duration writeRetention;
    private final Duration auditLogRetention;

    AuditRetention(ExpiredAuditRows rows,
                   @ConfigProperty(name = "ehr.retention.ehr-writes", defaultValue = "P30D") Duration writeRetention,
                   @ConfigProperty(name = "ehr.retention.audit-log", defaultValue = "P2192D") Duration auditLogRetention) {
        this.rows = rows;
        this.writeRetention = writeRetention;
        this.auditLogRetention = auditLogRetention;
        if (auditLogRetention.compareTo(MIN_AUDIT_LOG_RETENTION) < 0 || auditLogRetention.compareTo(writeRetention) < 0) {
            throw new IllegalStateException("ehr.retention.audit-log must be at least P31D (the audited topics' replay window)"
                    + " and not shorter than ehr.retention.ehr-writes");
        }
    }

    @Scheduled(every = "${ehr.retention.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return PurgeRuns.logged("audit retention purge", purgeOnce(Instant.now()));
    }

    /** Deletes one batch of each kind of row past its retention at {@code now}; returns how many went. */
    public Uni<Integer> purgeOnce(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime auditCutoff = at.minus(auditLogRetention);
        return Panache.withTransaction(() -> rows.writtenWritesBefore(at.minus(writeRetention), BATCH)
                .flatMap(writes -> rows.parkedWritesOfEventsBefore(auditCutoff, BATCH).map(parked -> writes + parked))
                .flatMap(writes -> rows.auditEventsBefore(auditCutoff, BATCH).map(events -> writes + events))
                .flatMap(deleted -> rows.visitReportsBefore(auditCutoff, BATCH).map(reports -> deleted + reports))
                .flatMap(deleted -> rows.callQualityBefore(auditCutoff, BATCH).map(calls -> deleted + calls)));
    }
}
