package io.ehrconnector.audit.quality;

import io.ehrconnector.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the call quality of a tenant's visits, flagged against the thresholds in force now. */
@ApplicationScoped
public class CallQualityReader {

    private final CallQualityRepository records;
    private final QualityFlags flags;

    CallQualityReader(CallQualityRepository records, QualitySettings settings) {
        this.records = records;
        this.flags = new QualityFlags(QualityThresholds.of(settings));
    }

    public QualityThresholds thresholds() {
        return flags.thresholds();
    }

    /** The summaries of those of {@code visitKeys} that have call records, by visit key. Needs the caller's session. */
    public Uni<Map<String, QualitySummary>> summaries(String tenantId, List<String> visitKeys) {
        return records.ofVisits(tenantId, visitKeys).map(rows -> rows.stream()
                .collect(Collectors.groupingBy(row -> row.visitKey)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, visit -> QualitySummary.of(visit.getValue(), flags))));
    }

    /** Every call record of one of the tenant's visits. */
    public Uni<VisitQuality> visit(String tenantId, String configurationId, String appointmentId) {
        return Panache.withSession(() -> records.ofVisit(tenantId, Topics.visitKey(configurationId, appointmentId)))
                .map(rows -> new VisitQuality(configurationId, appointmentId, flags.thresholds(),
                        rows.stream().map(row -> CallView.of(row, flags)).toList()));
    }
}
