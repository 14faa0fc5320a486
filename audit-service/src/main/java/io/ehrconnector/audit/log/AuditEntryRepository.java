package io.ehrconnector.audit.log;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** The audit log. Needs the caller's reactive session. */
@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntry, String> {

    /**
     * Stores {@code entry} unless its event is already recorded (also after the processed-event ledger forgot it); true when
     * it was stored.
     */
    public Uni<Boolean> insertIfAbsent(AuditEntry entry) {
        return NativeSql.update("insert into audit_event (event_id, event_type, occurred_at, recorded_at, configuration_id,"
                        + " tenant_id, environment, appointment_id, meeting_id, role, participant_id, ehr_user_id, detail_json)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) on conflict (event_id) do nothing",
                        entry.eventId, entry.eventType, entry.occurredAt, entry.recordedAt, entry.configurationId,
                        entry.tenantId, entry.environment, entry.appointmentId, entry.meetingId, entry.role,
                        entry.participantId, entry.ehrUserId, entry.detailJson)
                .map(inserted -> inserted == 1);
    }

    /**
     * The entries of {@code tenantId} that happened in [{@code from}, {@code to}), oldest first, at most {@code limit};
     * narrowed to one appointment and/or one configuration when those are given.
     */
    public Uni<List<AuditEntry>> search(String tenantId, String appointmentId, String configurationId, OffsetDateTime from,
                                        OffsetDateTime to, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant and occurredAt >= :from and occurredAt < :to");
        Parameters parameters = Parameters.with("tenant", tenantId).and("from", from).and("to", to);
        if (appointmentId != null) {
            query.append(" and appointmentId = :appointment");
            parameters.and("appointment", appointmentId);
        }
        if (configurationId != null) {
            query.append(" and configurationId = :configuration");
            parameters.and("configuration", configurationId);
        }
        return find(query.toString(), Sort.by("occurredAt").and("eventId"), parameters).page(0, limit).list();
    }
}
