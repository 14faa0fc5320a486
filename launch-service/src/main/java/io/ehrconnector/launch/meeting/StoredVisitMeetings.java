package io.ehrconnector.launch.meeting;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The remembered meetings, one per (configuration, meeting key). Run inside a Panache session or transaction. */
@ApplicationScoped
public class StoredVisitMeetings implements PanacheRepositoryBase<StoredVisitMeeting, StoredVisitMeeting.Key> {

    /** The meeting remembered for the key, or null. */
    public Uni<StoredVisitMeeting> find(String configurationId, String meetingKey) {
        return findById(new StoredVisitMeeting.Key(configurationId, meetingKey));
    }

    /**
     * Remembers {@code meeting} for the key unless a concurrent launch already did (then that one stays); read the key
     * afterwards to get whichever was stored.
     */
    public Uni<Void> rememberIfAbsent(String configurationId, String meetingKey, VisitMeeting meeting) {
        return NativeSql.update("insert into visit_meeting (configuration_id, meeting_key, meeting_id, join_web_url,"
                        + " organizer_id, created_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing",
                configurationId, meetingKey, meeting.meetingId(), meeting.joinWebUrl(), meeting.organizerId(),
                OffsetDateTime.now(ZoneOffset.UTC)).replaceWithVoid();
    }

    /** The meeting remembered with this join URL and organizer, or null (index visit_meeting_join_web_url). */
    public Uni<StoredVisitMeeting> findByJoinWebUrl(String joinWebUrl, String organizerId) {
        return find("joinWebUrl = ?1 and organizerId = ?2", joinWebUrl, organizerId).firstResult();
    }

    /** Forgets up to {@code limit} meetings remembered before {@code cutoff}; returns how many. */
    public Uni<Integer> forgetCreatedBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from visit_meeting where ctid in (select ctid from visit_meeting"
                + " where created_at < ?1 limit ?2)", cutoff, limit);
    }
}
