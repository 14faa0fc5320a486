package io.ehrconnector.audit.report;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The {@code visit_report} table. Needs the caller's reactive session. */
@ApplicationScoped
public class VisitReportRepository implements PanacheRepositoryBase<VisitReport, String> {

    /** The upper bounds, in seconds, of the lobby-wait buckets; the last bucket is everything longer. */
    static final int[] LOBBY_WAIT_BOUNDS = {60, 120, 300, 600, 900, 1800};

    /**
     * Serialises the recomputation of one visit's report until the transaction ends: the topics a visit's events come from
     * are consumed side by side, and each recomputation must see the rows the one before it committed.
     */
    Uni<Void> lockVisit(String visitKey) {
        return NativeSql.list("select pg_advisory_xact_lock(hashtextextended(?1, 7))", Object.class, visitKey)
                .replaceWithVoid();
    }

    Uni<Void> save(VisitReport report) {
        return NativeSql.update("insert into visit_report (visit_key, configuration_id, appointment_id, tenant_id,"
                        + " environment, visit_at, department_id, appointment_status, scheduled_start, scheduled_end,"
                        + " first_joined_at, first_patient_at, started_at, ended_at, present_now, peak_attendees, providers,"
                        + " patients, guests, sms_sent, no_show_after, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                        + " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) on conflict (visit_key) do"
                        + " update set visit_at = excluded.visit_at, department_id = excluded.department_id,"
                        + " appointment_status = excluded.appointment_status, scheduled_start = excluded.scheduled_start,"
                        + " scheduled_end = excluded.scheduled_end, first_joined_at = excluded.first_joined_at,"
                        + " first_patient_at = excluded.first_patient_at, started_at = excluded.started_at,"
                        + " ended_at = excluded.ended_at, present_now = excluded.present_now,"
                        + " peak_attendees = excluded.peak_attendees, providers = excluded.providers,"
                        + " patients = excluded.patients, guests = excluded.guests, sms_sent = excluded.sms_sent,"
                        + " no_show_after = excluded.no_show_after, updated_at = excluded.updated_at",
                report.visitKey, report.configurationId, report.appointmentId, report.tenantId, report.environment,
                report.visitAt, report.departmentId, report.appointmentStatus, report.scheduledStart, report.scheduledEnd,
                report.firstJoinedAt, report.firstPatientAt, report.startedAt, report.endedAt, report.presentNow,
                report.peakAttendees, report.providers, report.patients, report.guests, report.smsSent, report.noShowAfter,
                report.updatedAt).replaceWithVoid();
    }

    /** The tenant's visits the query selects, newest first, one page. */
    Uni<List<VisitReport>> search(String tenantId, ReportQuery query) {
        StringBuilder where = new StringBuilder("tenantId = :tenant and visitAt >= :from and visitAt < :to");
        Parameters parameters = Parameters.with("tenant", tenantId).and("from", query.from()).and("to", query.to());
        if (query.departmentId() != null) {
            where.append(" and departmentId = :department");
            parameters.and("department", query.departmentId());
        }
        if (query.environment() != null) {
            where.append(" and environment = :environment");
            parameters.and("environment", query.environment());
        }
        if (query.configurationId() != null) {
            where.append(" and configurationId = :configuration");
            parameters.and("configuration", query.configurationId());
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", query.status());
        }
        return find(where.toString(), Sort.descending("visitAt").and("visitKey"), parameters)
                .range(query.offset(), query.offset() + query.limit() - 1).list();
    }

    /** Visits per day (in the query's zone) and status: rows of day (yyyy-mm-dd), status and count. */
    Uni<List<Object[]>> visitsPerDay(String tenantId, ReportQuery query) {
        Filter filter = filter(tenantId, query);
        return NativeSql.list("select to_char(visit_at at time zone ?" + filter.next() + ", 'YYYY-MM-DD') as day, "
                + VisitReport.STATUS_SQL + " as status, count(*) from visit_report where " + filter.where()
                + " group by 1, 2 order by 1, 2", Object[].class, filter.parameters(query.zone().getId()));
    }

    /**
     * The started visits' lobby waits and durations, in seconds, as one row: the count, the lobby-wait median and 90th
     * percentile, the median duration, then the count of lobby waits per {@link #LOBBY_WAIT_BOUNDS} bucket.
     */
    Uni<Object[]> startedVisitFigures(String tenantId, ReportQuery query) {
        Filter filter = filter(tenantId, query);
        StringBuilder buckets = new StringBuilder();
        for (int i = 0; i <= LOBBY_WAIT_BOUNDS.length; i++) {
            String lower = i == 0 ? "true" : "wait_s >= " + LOBBY_WAIT_BOUNDS[i - 1];
            String upper = i == LOBBY_WAIT_BOUNDS.length ? "true" : "wait_s < " + LOBBY_WAIT_BOUNDS[i];
            buckets.append(", count(*) filter (where ").append(lower).append(" and ").append(upper).append(")");
        }
        return NativeSql.list("select count(*), percentile_cont(0.5) within group (order by wait_s),"
                + " percentile_cont(0.9) within group (order by wait_s), percentile_cont(0.5) within group (order by"
                + " duration_s)" + buckets + " from (select extract(epoch from started_at - first_patient_at) as wait_s,"
                + " extract(epoch from ended_at - started_at) as duration_s from visit_report where " + filter.where()
                + " and started_at is not null) started", Object[].class, filter.parameters())
                .map(List::getFirst);
    }

    /** A WHERE clause with its values as ?1, ?2, ...; a statement's own parameters come after, from {@link #next}. */
    private record Filter(String where, List<Object> values) {

        int next() {
            return values.size() + 1;
        }

        Object[] parameters(Object... more) {
            List<Object> all = new ArrayList<>(values);
            all.addAll(List.of(more));
            return all.toArray();
        }
    }

    private static Filter filter(String tenantId, ReportQuery query) {
        List<Object> values = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        condition(where, values, "tenant_id = ", tenantId);
        condition(where, values, "visit_at >= ", query.from());
        condition(where, values, "visit_at < ", query.to());
        if (query.departmentId() != null) {
            condition(where, values, "department_id = ", query.departmentId());
        }
        if (query.environment() != null) {
            condition(where, values, "environment = ", query.environment());
        }
        if (query.configurationId() != null) {
            condition(where, values, "configuration_id = ", query.configurationId());
        }
        if (query.status() != null) {
            condition(where, values, "(" + VisitReport.STATUS_SQL + ") = ", query.status().name());
        }
        return new Filter(where.toString(), values);
    }

    private static void condition(StringBuilder where, List<Object> values, String comparison, Object value) {
        values.add(value);
        where.append(where.isEmpty() ? "" : " and ").append(comparison).append('?').append(values.size());
    }
}
