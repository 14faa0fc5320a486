package io.ehrconnector.launch.presence;

import io.ehrconnector.launch.meeting.VisitMeetingEntered;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;

/** The watched meetings. Run inside a Panache session or transaction. */
@ApplicationScoped
class MeetingWatches implements PanacheRepositoryBase<MeetingWatch, MeetingWatch.Key> {

    /**
     * Watches the meeting until at least {@code watchUntil}; a meeting without a subscription is due for one at
     * {@code now}.
     */
    Uni<Void> watch(VisitMeetingEntered entered, OffsetDateTime watchUntil, OffsetDateTime now) {
        return NativeSql.update("insert into meeting_watch (configuration_id, meeting_key, tenant_id, meeting_id,"
                        + " join_web_url, organizer_id, watch_until, next_attempt_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                        + " on conflict (configuration_id, meeting_key) do update set"
                        + " watch_until = greatest(meeting_watch.watch_until, excluded.watch_until),"
                        + " next_attempt_at = case when meeting_watch.subscription_id is null"
                        + " then least(meeting_watch.next_attempt_at, excluded.next_attempt_at)"
                        + " else meeting_watch.next_attempt_at end",
                entered.configuration().configurationId(), entered.meetingKey(), entered.configuration().tenantId(),
                entered.meeting().meetingId(), entered.meeting().joinWebUrl(), entered.meeting().organizerId(), watchUntil,
                now).replaceWithVoid();
    }

    /**
     * Takes up to {@code limit} meetings whose next attempt has come, leasing them until {@code leaseUntil} so that no other
     * replica takes them meanwhile (a replica that dies mid-way leaves them to the next after the lease).
     */
    Uni<List<MeetingWatch>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return NativeSql.list("update meeting_watch set next_attempt_at = ?2 where (configuration_id, meeting_key) in"
                + " (select configuration_id, meeting_key from meeting_watch where next_attempt_at <= ?1"
                + " order by next_attempt_at limit ?3 for update skip locked) returning *", MeetingWatch.class,
                now, leaseUntil, limit);
    }

    /** The meeting, locked for this transaction (serialises the events of one visit); null when no longer watched. */
    Uni<MeetingWatch> lock(MeetingWatch.Key key) {
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The meeting watched through {@code subscriptionId}, or null. */
    Uni<MeetingWatch> bySubscription(String subscriptionId) {
        return find("subscriptionId", subscriptionId).firstResult();
    }

    /**
     * The meeting whose subscription is being made with {@code clientState} (Graph has not answered yet), or null. Looked up
     * by the hash of a 256-bit secret, so the lookup's timing tells nothing useful about it.
     */
    Uni<MeetingWatch> awaitingSubscription(String clientState) {
        if (!ClientStates.plausible(clientState)) {
            return Uni.createFrom().nullItem();
        }
        return find("subscriptionId is null and clientStateHash = ?1", ClientStates.hash(clientState)).firstResult();
    }
}
