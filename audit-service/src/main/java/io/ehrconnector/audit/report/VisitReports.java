package io.ehrconnector.audit.report;

import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.audit.log.AuditEntryRepository;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code visit_report} current: after an audit row of a visit is recorded, recomputes the visit's figures from all of
 * its rows ({@link VisitArithmetic}), in the same transaction. Recomputing rather than adding up makes late, duplicated and
 * out-of-order events harmless.
 */
@ApplicationScoped
public class VisitReports {

    private final AuditEntryRepository entries;
    private final VisitReportRepository reports;

    VisitReports(AuditEntryRepository entries, VisitReportRepository reports) {
        this.entries = entries;
        this.reports = reports;
    }

    /** Needs the caller's transaction, in which {@code entry} was just recorded. */
    public Uni<Void> refresh(AuditEntry entry, KnownConfiguration configuration) {
        if (entry.appointmentId == null) {
            return Uni.createFrom().voidItem();
        }
        String visitKey = Topics.visitKey(entry.configurationId, entry.appointmentId);
        return reports.lockVisit(visitKey)
                .flatMap(locked -> entries.list("configurationId = ?1 and appointmentId = ?2", entry.configurationId,
                        entry.appointmentId))
                .flatMap(rows -> reports.save(report(visitKey, rows, configuration)));
    }

    private static VisitReport report(String visitKey, List<AuditEntry> rows, KnownConfiguration configuration) {
        List<VisitFact> facts = rows.stream().map(VisitFacts::of).flatMap(Optional::stream).toList();
        VisitSummary summary = VisitArithmetic.summarise(facts);
        AuditEntry any = rows.getFirst();
        VisitReport report = new VisitReport();
        report.visitKey = visitKey;
        report.configurationId = any.configurationId;
        report.appointmentId = any.appointmentId;
        report.tenantId = configuration.tenantId;
        report.environment = configuration.environment.name();
        report.visitAt = summary.scheduledStart() != null ? summary.scheduledStart()
                : summary.firstJoinedAt() != null ? summary.firstJoinedAt()
                : rows.stream().map(row -> row.occurredAt).min(OffsetDateTime::compareTo).orElseThrow();
        report.departmentId = summary.departmentId();
        report.appointmentStatus = summary.appointmentStatus() == null ? null : summary.appointmentStatus().name();
        report.scheduledStart = summary.scheduledStart();
        report.scheduledEnd = summary.scheduledEnd();
        report.firstJoinedAt = summary.firstJoinedAt();
        report.firstPatientAt = summary.firstPatientAt();
        report.startedAt = summary.startedAt();
        report.endedAt = summary.endedAt();
        report.presentNow = summary.presentNow();
        report.peakAttendees = summary.peakAttendees();
        report.providers = summary.providers();
        report.patients = summary.patients();
        report.guests = summary.guests();
        report.smsSent = summary.smsSent();
        report.noShowAfter = VisitStatus.noShowAfter(summary);
        report.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return report;
    }
}
