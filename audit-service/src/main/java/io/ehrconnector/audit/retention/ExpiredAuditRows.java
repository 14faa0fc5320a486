package io.ehrconnector.audit.retention;

import io.ehrconnector.support.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** The deletions of {@link AuditRetention}, each of at most {@code limit} rows, so one run never holds long locks. */
@ApplicationScoped
class ExpiredAuditRows {

    Uni<Integer> writtenWritesBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from ehr_write where sequence in (select sequence from ehr_write"
                + " where written_at < ?1 limit ?2)", cutoff, limit);
    }

    Uni<Integer> parkedWritesOfEventsBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from ehr_write where sequence in (select w.sequence from ehr_write w"
                + " join audit_event a on a.event_id = w.event_id where w.parked_at is not null and a.occurred_at < ?1"
                + " limit ?2)", cutoff, limit);
    }

    /** Audit rows whose write-back is still queued stay until it is written or parked and purged. */
    Uni<Integer> auditEventsBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from audit_event where event_id in (select a.event_id from audit_event a"
                + " where a.occurred_at < ?1 and not exists (select 1 from ehr_write w where w.event_id = a.event_id)"
                + " limit ?2)", cutoff, limit);
    }

    Uni<Integer> visitReportsBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from visit_report where visit_key in (select visit_key from visit_report"
                + " where visit_at < ?1 limit ?2)", cutoff, limit);
    }

    Uni<Integer> callQualityBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from call_quality where (configuration_id, call_record_id) in (select"
                + " configuration_id, call_record_id from call_quality where call_ended_at < ?1 limit ?2)", cutoff, limit);
    }
}
