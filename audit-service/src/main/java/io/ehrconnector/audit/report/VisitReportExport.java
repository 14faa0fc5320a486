package io.ehrconnector.audit.report;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The CSV download of a report, shared by the API and the portal: one file, named after its date range. */
final class VisitReportExport {

    private VisitReportExport() {
    }

    static Uni<Response> csv(VisitReportService reports, String tenantId, ReportQuery query) {
        return reports.visits(tenantId, query).map(visits -> {
            StringBuilder csv = new StringBuilder(VisitReportCsv.header());
            visits.forEach(visit -> csv.append(VisitReportCsv.row(visit)));
            String file = "visits-" + query.fromDay() + "-to-" + query.toDay() + ".csv";
            return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        });
    }
}
