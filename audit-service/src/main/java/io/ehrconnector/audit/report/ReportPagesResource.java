package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.CallQualityReader;
import io.ehrconnector.audit.query.CallerTenant;
import io.ehrconnector.support.entra.EntraRoles;
import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * The report pages for the hospital's admins and analysts, signed in with Entra ID (the {@code report-pages} OIDC tenant, code
 * flow with PKCE): {@code /reports} shows the filters, the charts and the visits, and keeps them current by fetching
 * {@code /reports/live} every few seconds, so a visit appears while it happens; {@code /reports/visits.csv} downloads the
 * selection; {@code /reports/quality?configurationId=&appointmentId=} shows one visit's call quality, poor figures marked.
 * Without filters, the last 7 days.
 */
@Path("/reports")
@RolesAllowed({EntraRoles.ADMIN, EntraRoles.ANALYST})
public class ReportPagesResource {

    static final int DEFAULT_DAYS = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(ReportPage page, String nonce);

        static native TemplateInstance live(ReportPage page);

        static native TemplateInstance quality(QualityPage page);

        static native TemplateInstance invalid(String title, List<FieldError> errors);
    }

    private final VisitReportService reports;
    private final CallQualityReader quality;
    private final CallerTenant caller;

    ReportPagesResource(VisitReportService reports, CallQualityReader quality, CallerTenant caller) {
        this.reports = reports;
        this.quality = quality;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("zone") String zone, @QueryParam("department") String department,
                              @QueryParam("environment") String environment, @QueryParam("status") String status) {
        ReportQuery query;
        try {
            query = query(from, to, zone, department, environment, status);
        } catch (ProblemException invalid) {
            return Uni.createFrom().item(invalidPage(invalid));
        }
        String nonce = nonce();
        return page(query).map(page -> html(Templates.reports(page, nonce), nonce));
    }

    /** One visit's call records: participants by role, their figures, the poor ones marked, and the thresholds. */
    @GET
    @Path("/quality")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> quality(@QueryParam("configurationId") String configurationId,
                                 @QueryParam("appointmentId") String appointmentId, @QueryParam("zone") String zone) {
        VisitSelection visit;
        try {
            visit = VisitSelection.parse(configurationId, appointmentId);
        } catch (ProblemException invalid) {
            return Uni.createFrom().item(invalidPage(invalid));
        }
        return quality.visit(caller.get(), visit.configurationId(), visit.appointmentId())
                .map(found -> html(Templates.quality(QualityPage.of(found, zoneOrUtc(zone))), nonce()));
    }

    /** The part of the page that changes: totals, charts and the table, for the page's script to swap in. */
    @GET
    @Path("/live")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> live(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("zone") String zone, @QueryParam("department") String department,
                              @QueryParam("environment") String environment, @QueryParam("status") String status) {
        return page(query(from, to, zone, department, environment, status))
                .map(page -> Response.ok(Templates.live(page)).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/visits.csv")
    @Produces("text/csv")
    public Uni<Response> csv(@QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("zone") String zone, @QueryParam("department") String department,
                             @QueryParam("environment") String environment, @QueryParam("status") String status) {
        return VisitReportExport.csv(reports, caller.get(),
                query(from, to, zone, department, environment, status).withLimit(ReportQuery.MAX_EXPORT));
    }

    /**
     * People reach the pages from links and forms, so bad parameters get a page saying which ones and why (fixed texts, the
     * values are not repeated), not the API's problem JSON. The live fragment and the CSV keep the API's answer.
     */
    private static Response invalidPage(ProblemException invalid) {
        if (invalid.problem().status() != 400) {
            throw invalid;
        }
        List<FieldError> errors = invalid.problem().errors() == null ? List.of() : invalid.problem().errors();
        return Response.fromResponse(html(Templates.invalid(invalid.problem().title(), errors), nonce())).status(400).build();
    }

    /** A whole page: scripts run only with this response's nonce, and nothing is cached. */
    private static Response html(TemplateInstance page, String nonce) {
        return Response.ok(page)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-"
                        + nonce + "'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
                        + " frame-ancestors 'none'")
                .header("Cache-Control", "no-store")
                .build();
    }

    private Uni<ReportPage> page(ReportQuery query) {
        String tenantId = caller.get();
        return reports.summary(tenantId, query).flatMap(summary -> reports.visits(tenantId, query)
                .map(visits -> ReportPage.of(query, summary, visits)));
    }

    private static ReportQuery query(String from, String to, String zone, String department, String environment,
                                     String status) {
        boolean noRange = (from == null || from.isBlank()) && (to == null || to.isBlank());
        if (noRange) {
            ReportQuery recent = ReportQuery.lastDays(DEFAULT_DAYS, zoneOrUtc(zone));
            from = recent.fromDay().toString();
            to = recent.toDay().toString();
        }
        return ReportQuery.parse(from, to, zone, department, environment, null, status, null, null,
                ReportQuery.DEFAULT_LIMIT);
    }

    private static ZoneId zoneOrUtc(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.strip());
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
