package io.ehrconnector.launch.presence;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The rosters of the watched visits. Each join's connect and disconnect are set once: setting one that is set already
 * (Graph delivering the same change twice) changes nothing and is reported as such. Run inside a Panache transaction.
 */
@ApplicationScoped
public class VisitParticipants implements PanacheRepositoryBase<VisitParticipant, VisitParticipant.Key> {

    /** Records that {@code joined} connected at its {@code connectedAt}; returns the row when that is new, else null. */
    Uni<VisitParticipant> connect(VisitParticipant joined) {
        return set("connected_at", joined, joined.connectedAt);
    }

    /** Records that {@code left} disconnected at its {@code disconnectedAt}; returns the row when that is new, else null. */
    Uni<VisitParticipant> disconnect(VisitParticipant left) {
        return set("disconnected_at", left, left.disconnectedAt);
    }

    /** Everyone of the meeting still in it is disconnected at {@code at} (the call ended); returns who that was. */
    Uni<List<VisitParticipant>> disconnectEveryone(String configurationId, String meetingKey, OffsetDateTime at,
                                                   OffsetDateTime now) {
        return NativeSql.list("update visit_participant set disconnected_at = ?3, updated_at = ?4 where"
                + " configuration_id = ?1 and meeting_key = ?2 and connected_at is not null and disconnected_at is null"
                + " returning *", VisitParticipant.class, configurationId, meetingKey, at, now);
    }

    /** Every join of the meeting, oldest first. */
    Uni<List<VisitParticipant>> ofMeeting(String configurationId, String meetingKey) {
        return list("configurationId = ?1 and meetingKey = ?2 order by connectedAt", configurationId, meetingKey);
    }

    /** The joins of the meeting by one participant (their {@code identityKey}), oldest first. */
    public Uni<List<VisitParticipant>> ofIdentity(String configurationId, String meetingKey, String identityKey) {
        return list("configurationId = ?1 and meetingKey = ?2 and identityKey = ?3 order by connectedAt", configurationId,
                meetingKey, identityKey);
    }

    /** Deletes up to {@code limit} rows not changed since {@code cutoff}; returns how many. */
    Uni<Integer> deleteUpdatedBefore(OffsetDateTime cutoff, int limit) {
        return NativeSql.update("delete from visit_participant where ctid in (select ctid from visit_participant"
                + " where updated_at < ?1 limit ?2)", cutoff, limit);
    }

    // The column name is one of two constants above, never input.
    private Uni<VisitParticipant> set(String column, VisitParticipant row, OffsetDateTime at) {
        return NativeSql.list("insert into visit_participant (configuration_id, meeting_key, participant_id, role,"
                        + " ehr_user_id, identity_key, " + column + ", updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                        + " on conflict (configuration_id, meeting_key, participant_id) do update set " + column
                        + " = excluded." + column + ", updated_at = excluded.updated_at where visit_participant." + column
                        + " is null returning *", VisitParticipant.class,
                row.configurationId, row.meetingKey, row.participantId, row.role.name(), row.ehrUserId, row.identityKey, at,
                row.updatedAt)
                .map(changed -> changed.isEmpty() ? null : changed.getFirst());
    }
}
