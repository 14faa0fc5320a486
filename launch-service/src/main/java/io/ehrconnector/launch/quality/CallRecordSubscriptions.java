package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.presence.ClientStates;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import static io.ehrconnector.launch.presence.Sequentially.each;

/** The tenants' subscriptions to their call records. Run inside a Panache session or transaction. */
@ApplicationScoped
class CallRecordSubscriptions implements PanacheRepositoryBase<CallRecordSubscription, String> {

    /** Adds a row, due at {@code now}, for each tenant that has none yet. */
    Uni<Void> ensure(Collection<String> tenantIds, OffsetDateTime now) {
        return each(List.copyOf(tenantIds), tenantId -> NativeSql.update("insert into call_record_subscription"
                + " (tenant_id, next_attempt_at) values (?1, ?2) on conflict (tenant_id) do nothing", tenantId, now)
                .replaceWithVoid());
    }

    /**
     * Takes up to {@code limit} rows whose next attempt has come, leasing them until {@code leaseUntil} so that no other
     * replica takes them meanwhile.
     */
    Uni<List<CallRecordSubscription>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return NativeSql.list("update call_record_subscription set next_attempt_at = ?2 where tenant_id in"
                + " (select tenant_id from call_record_subscription where next_attempt_at <= ?1"
                + " order by next_attempt_at limit ?3 for update skip locked) returning *", CallRecordSubscription.class,
                now, leaseUntil, limit);
    }

    /**
     * Graph asked to reauthorize {@code subscriptionId}: the keeper does so next. One statement, so that it cannot be lost to
     * the keeper's own update of the row in between. True when the subscription is still the tenant's.
     */
    Uni<Boolean> reauthorizeRequested(String subscriptionId, OffsetDateTime now) {
        return NativeSql.update("update call_record_subscription set reauthorize_requested = true, next_attempt_at = ?2"
                + " where subscription_id = ?1", subscriptionId, now).map(rows -> rows > 0);
    }

    /** Graph removed {@code subscriptionId}: the keeper makes a new one next (as {@link CallRecordSubscription#forget}). */
    Uni<Boolean> removed(String subscriptionId, OffsetDateTime now) {
        return NativeSql.update("update call_record_subscription set subscription_id = null, client_state_hash = null,"
                + " expires_at = null, reauthorize_requested = false, attempts = 0, next_attempt_at = ?2"
                + " where subscription_id = ?1", subscriptionId, now).map(rows -> rows > 0);
    }

    /** The tenant's row, locked for this transaction; null when there is none. */
    Uni<CallRecordSubscription> lock(String tenantId) {
        return findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The row of {@code subscriptionId}; else the row whose subscription is being made with {@code clientState} (Graph may
     * notify before it has answered the creation); else null. Looked up by the hash of a 256-bit secret.
     */
    Uni<CallRecordSubscription> of(String subscriptionId, String clientState) {
        return find("subscriptionId", subscriptionId).firstResult().flatMap(known -> {
            if (known != null || !ClientStates.plausible(clientState)) {
                return Uni.createFrom().item(known);
            }
            return find("subscriptionId is null and clientStateHash = ?1", ClientStates.hash(clientState)).firstResult();
        });
    }
}
