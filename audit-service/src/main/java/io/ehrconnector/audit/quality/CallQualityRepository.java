package io.ehrconnector.audit.quality;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The {@code call_quality} table. Needs the caller's reactive session. */
@ApplicationScoped
class CallQualityRepository implements PanacheRepositoryBase<CallQualityRecord, CallQualityRecord.Key> {

    /** Visit keys per query: well below PostgreSQL's limit of bind parameters for the largest CSV export. */
    private static final int KEYS_PER_QUERY = 1000;
    private static final Sort CALL_ORDER = Sort.ascending("callStartedAt").and("callRecordId");

    /**
     * Stores {@code record} unless a version at least as new is kept, in one statement, so that a replay, a late older
     * version or two deliveries racing each other (a rebalance) cannot replace a newer one. True when it was stored.
     */
    Uni<Boolean> storeIfNewer(CallQualityRecord record) {
        return NativeSql.update("insert into call_quality (configuration_id, call_record_id, visit_key, appointment_id,"
                        + " tenant_id, meeting_id, version, call_started_at, call_ended_at, participants_json, event_id,"
                        + " received_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                        + " on conflict (configuration_id, call_record_id) do update set visit_key = excluded.visit_key,"
                        + " appointment_id = excluded.appointment_id, tenant_id = excluded.tenant_id,"
                        + " meeting_id = excluded.meeting_id, version = excluded.version,"
                        + " call_started_at = excluded.call_started_at, call_ended_at = excluded.call_ended_at,"
                        + " participants_json = excluded.participants_json, event_id = excluded.event_id,"
                        + " received_at = excluded.received_at where call_quality.version < excluded.version",
                record.configurationId, record.callRecordId, record.visitKey, record.appointmentId, record.tenantId,
                record.meetingId, record.version, record.callStartedAt, record.callEndedAt, record.participantsJson,
                record.eventId, record.receivedAt)
                .map(stored -> stored == 1);
    }

    /** The tenant's call records of one visit, in the order the calls started. */
    Uni<List<CallQualityRecord>> ofVisit(String tenantId, String visitKey) {
        return list("tenantId = ?1 and visitKey = ?2", CALL_ORDER, tenantId, visitKey);
    }

    /** The tenant's call records of the given visits, in the order the calls started within each query's share. */
    Uni<List<CallQualityRecord>> ofVisits(String tenantId, List<String> visitKeys) {
        if (visitKeys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < visitKeys.size(); from += KEYS_PER_QUERY) {
            chunks.add(visitKeys.subList(from, Math.min(visitKeys.size(), from + KEYS_PER_QUERY)));
        }
        // one query after the other: a reactive session runs one statement at a time
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> list("tenantId = ?1 and visitKey in ?2", CALL_ORDER,
                        tenantId, chunk))
                .onItem().<CallQualityRecord>disjoint()
                .collect().asList();
    }
}
