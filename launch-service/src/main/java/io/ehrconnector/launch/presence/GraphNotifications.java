package io.ehrconnector.launch.presence;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;

/** The webhook's inbox. Run inside a Panache session or transaction. */
@ApplicationScoped
class GraphNotifications implements PanacheRepositoryBase<GraphNotification, Long> {

    /** Stores an accepted notification unless the same one is stored already; true when it was new. */
    Uni<Boolean> insertIfAbsent(String dedupeKey, MeetingWatch watch, String subscriptionId, GraphNotification.Kind kind,
                                String payload, OffsetDateTime now) {
        return NativeSql.update("insert into graph_notification (dedupe_key, subscription_id, configuration_id, meeting_key,"
                        + " kind, payload, received_at, next_attempt_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                        + " on conflict (dedupe_key) do nothing",
                dedupeKey, subscriptionId, watch.configurationId, watch.meetingKey, kind.name(), payload, now)
                .map(inserted -> inserted == 1);
    }

    /** Ids of up to {@code limit} unprocessed notifications whose time has come, oldest first, leased until {@code leaseUntil}. */
    Uni<List<Long>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return NativeSql.list("update graph_notification set next_attempt_at = ?2 where id in (select id from"
                + " graph_notification where processed_at is null and next_attempt_at <= ?1 order by id limit ?3"
                + " for update skip locked) returning id", Long.class, now, leaseUntil, limit)
                .map(ids -> ids.stream().sorted().toList());
    }

    /** The notification, locked, when it is still unprocessed; else null. */
    Uni<GraphNotification> lockUnprocessed(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(row -> row == null || row.processedAt != null ? null : row);
    }

    /** Deletes up to {@code limit} notifications processed before {@code cutoff}; returns how many. */
    Uni<Integer> deleteProcessedBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from graph_notification where id in (select id from graph_notification"
                + " where processed_at < ?1 limit ?2)", cutoff, limit);
    }
}
