package io.ehrconnector.audit.writeback;

import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.audit.log.SourceRecord;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The EHR write-back queue ({@code ehr_write}). Needs the caller's reactive session (and transaction where it changes rows).
 * Order is kept per visit: only the oldest open write of a visit can be claimed, and it stays the oldest open one until it is
 * written or given up.
 */
@ApplicationScoped
public class EhrWriteQueue {

    private final Event<WriteQueued> queued;

    EhrWriteQueue(Event<WriteQueued> queued) {
        this.queued = queued;
    }

    /** Queues the write-back of {@code entry} (a connect, disconnect or device test of a visit); the same event once. */
    public Uni<Void> enqueue(AuditEntry entry, SourceRecord source) {
        return NativeSql.update("insert into ehr_write (event_id, visit_key, source_topic, source_partition, source_offset,"
                        + " source_key, source_record, created_at, next_attempt_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now(),"
                        + " now()) on conflict (event_id) do nothing",
                entry.eventId, Topics.visitKey(entry.configurationId, entry.appointmentId), source.topic(),
                source.partition(), source.offset(), source.key(), source.value()).replaceWithVoid();
    }

    /**
     * A redelivered event whose write was given up (an operator replayed its dead letter after fixing the cause) is queued
     * again with a fresh budget. True when it was.
     */
    public Uni<Boolean> revive(String eventId) {
        return NativeSql.update("update ehr_write set parked_at = null, attempts = 0, next_attempt_at = now()"
                + " where event_id = ?1 and parked_at is not null", eventId).map(revived -> revived > 0);
    }

    /** Tells this replica's worker that writes were committed. Call after the transaction. */
    public void queued() {
        queued.fireAsync(new WriteQueued());
    }

    /**
     * Leases up to {@code limit} due writes, each the oldest open write of its visit, for {@code lease}: other replicas skip
     * them (and the rest of their visits) until the lease runs out or they are settled.
     */
    Uni<List<EhrWrite>> claim(int limit, Duration lease) {
        return NativeSql.list("update ehr_write w set next_attempt_at = now() + make_interval(secs => ?2)"
                + " from (select h.sequence from ehr_write h where h.written_at is null and h.parked_at is null"
                + " and h.next_attempt_at <= now() and not exists (select 1 from ehr_write e where e.visit_key = h.visit_key"
                + " and e.written_at is null and e.parked_at is null and e.sequence < h.sequence)"
                + " order by h.sequence limit ?1 for update skip locked) due where w.sequence = due.sequence returning w.*",
                EhrWrite.class, limit, lease.toMillis() / 1000.0);
    }

    Uni<Void> written(long sequence, String resourceId) {
        return NativeSql.update("update ehr_write set written_at = now(), resource_id = ?2, last_error = null"
                + " where sequence = ?1", sequence, resourceId).replaceWithVoid();
    }

    Uni<Void> retryAt(long sequence, OffsetDateTime at, String error) {
        return NativeSql.update("update ehr_write set attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3"
                + " where sequence = ?1", sequence, at, error).replaceWithVoid();
    }

    Uni<Void> park(long sequence, String error) {
        return NativeSql.update("update ehr_write set attempts = attempts + 1, parked_at = now(), last_error = ?2"
                + " where sequence = ?1", sequence, error).replaceWithVoid();
    }
}
