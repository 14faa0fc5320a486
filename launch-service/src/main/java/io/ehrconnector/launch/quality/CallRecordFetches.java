package io.ehrconnector.launch.quality;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;

/** The call records still to be fetched. Run inside a Panache session or transaction. */
@ApplicationScoped
class CallRecordFetches implements PanacheRepositoryBase<CallRecordFetch, CallRecordFetch.Key> {

    /** Records that Graph announced the call record, due at once; returns false when it is waiting already. */
    Uni<Boolean> insertIfAbsent(String tenantId, String callRecordId, OffsetDateTime now) {
        return NativeSql.update("insert into call_record_fetch (tenant_id, call_record_id, received_at, due_at)"
                + " values (?1, ?2, ?3, ?3) on conflict (tenant_id, call_record_id) do nothing", tenantId, callRecordId, now)
                .map(inserted -> inserted == 1);
    }

    /**
     * Takes up to {@code limit} records due by {@code now}, leasing them until {@code leaseUntil} so that no other replica
     * takes them meanwhile (a replica that dies mid-way leaves them to the next after the lease).
     */
    Uni<List<CallRecordFetch>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return NativeSql.list("update call_record_fetch set due_at = ?2 where (tenant_id, call_record_id) in"
                + " (select tenant_id, call_record_id from call_record_fetch where due_at <= ?1"
                + " order by due_at limit ?3 for update skip locked) returning *", CallRecordFetch.class,
                now, leaseUntil, limit);
    }

    /** The record's row, locked for this transaction; null when it is gone. */
    Uni<CallRecordFetch> lock(CallRecordFetch.Key key) {
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Forgets the record (handled, not a visit's, or given up). */
    Uni<Void> forget(CallRecordFetch.Key key) {
        return NativeSql.update("delete from call_record_fetch where tenant_id = ?1 and call_record_id = ?2",
                key.tenantId(), key.callRecordId()).replaceWithVoid();
    }
}
