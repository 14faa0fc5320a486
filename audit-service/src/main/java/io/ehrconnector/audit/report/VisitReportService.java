package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.CallQualityReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads visit reports for one tenant: the rows a query selects (with their call quality), and the figures of its charts. */
@ApplicationScoped
public class VisitReportService {

    private final VisitReportRepository reports;
    private final CallQualityReader quality;

    VisitReportService(VisitReportRepository reports, CallQualityReader quality) {
        this.reports = reports;
        this.quality = quality;
    }

    public Uni<List<VisitReportView>> visits(String tenantId, ReportQuery query) {
        return Panache.withSession(() -> reports.search(tenantId, query)
                .flatMap(rows -> quality.summaries(tenantId, rows.stream().map(row -> row.visitKey).toList())
                        .map(summaries -> rows.stream()
                                .map(row -> VisitReportView.of(row, summaries.get(row.visitKey))).toList())));
    }

    public Uni<ReportSummary> summary(String tenantId, ReportQuery query) {
        return Panache.withSession(() -> reports.visitsPerDay(tenantId, query)
                .flatMap(perDay -> reports.startedVisitFigures(tenantId, query)
                        .map(started -> summary(query, perDay, started))));
    }

    private static ReportSummary summary(ReportQuery query, List<Object[]> perDay, Object[] started) {
        Map<LocalDate, Map<VisitStatus, Long>> byDay = new TreeMap<>();
        for (LocalDate day = query.fromDay(); !day.isAfter(query.toDay()); day = day.plusDays(1)) {
            byDay.put(day, new EnumMap<>(VisitStatus.class));
        }
        Map<VisitStatus, Long> totals = new EnumMap<>(VisitStatus.class);
        for (Object[] row : perDay) {
            LocalDate day = LocalDate.parse((String) row[0]);
            VisitStatus status = VisitStatus.valueOf((String) row[1]);
            long count = ((Number) row[2]).longValue();
            byDay.computeIfAbsent(day, ignored -> new EnumMap<>(VisitStatus.class)).merge(status, count, Long::sum);
            totals.merge(status, count, Long::sum);
        }
        List<ReportSummary.Day> days = byDay.entrySet().stream().map(entry -> new ReportSummary.Day(entry.getKey(),
                entry.getValue(), entry.getValue().values().stream().mapToLong(Long::longValue).sum())).toList();
        int[] bounds = VisitReportRepository.LOBBY_WAIT_BOUNDS;
        List<ReportSummary.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i <= bounds.length; i++) {
            buckets.add(new ReportSummary.Bucket(i == 0 ? 0 : bounds[i - 1], i == bounds.length ? null : bounds[i],
                    ((Number) started[4 + i]).longValue()));
        }
        ReportSummary.LobbyWait lobbyWait = new ReportSummary.LobbyWait(((Number) started[0]).longValue(),
                number(started[1]), number(started[2]), buckets);
        return new ReportSummary(query.fromDay(), query.toDay(), query.zone().getId(), totals, days, lobbyWait,
                number(started[3]));
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
