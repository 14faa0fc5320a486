package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.CallQualityReader;
import io.ehrconnector.audit.quality.VisitQuality;
import io.ehrconnector.audit.query.CallerTenant;
import io.ehrconnector.support.entra.EntraRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The visit reports API for the caller's own tenant (Entra ID bearer token, app role Connector.Admin or Connector.Analyst):
 * {@code GET /audit/reports/visits} (JSON, a page), {@code GET /audit/reports/visits.csv} (every selected visit, up to
 * {@link ReportQuery#MAX_EXPORT}), {@code GET /audit/reports/summary} (the charts' figures) and
 * {@code GET /audit/reports/visits/quality?configurationId=&appointmentId=} (one visit's call records, flagged). Filters as
 * {@link ReportQuery}; a configuration id of another tenant selects nothing.
 */
@Path("/audit/reports")
@RolesAllowed({EntraRoles.ADMIN, EntraRoles.ANALYST})
public class ReportsResource {

    private final VisitReportService reports;
    private final CallQualityReader quality;
    private final CallerTenant caller;

    ReportsResource(VisitReportService reports, CallQualityReader quality, CallerTenant caller) {
        this.reports = reports;
        this.quality = quality;
        this.caller = caller;
    }

    /** One page of visits, newest first. */
    @GET
    @Path("/visits")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<VisitReportView>> visits(@QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("zone") String zone, @QueryParam("department") String department,
                                             @QueryParam("environment") String environment,
                                             @QueryParam("configurationId") String configurationId,
                                             @QueryParam("status") String status, @QueryParam("limit") String limit,
                                             @QueryParam("offset") String offset) {
        ReportQuery query = ReportQuery.parse(from, to, zone, department, environment, configurationId, status, limit,
                offset, ReportQuery.MAX_LIMIT);
        return reports.visits(caller.get(), query);
    }

    @GET
    @Path("/visits.csv")
    @Produces("text/csv")
    public Uni<Response> csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("zone") String zone,
                             @QueryParam("department") String department, @QueryParam("environment") String environment,
                             @QueryParam("configurationId") String configurationId, @QueryParam("status") String status) {
        ReportQuery query = ReportQuery.parse(from, to, zone, department, environment, configurationId, status, null, null,
                ReportQuery.MAX_LIMIT).withLimit(ReportQuery.MAX_EXPORT);
        return VisitReportExport.csv(reports, caller.get(), query);
    }

    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ReportSummary> summary(@QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("zone") String zone, @QueryParam("department") String department,
                                      @QueryParam("environment") String environment,
                                      @QueryParam("configurationId") String configurationId,
                                      @QueryParam("status") String status) {
        ReportQuery query = ReportQuery.parse(from, to, zone, department, environment, configurationId, status, null, null,
                ReportQuery.MAX_LIMIT);
        return reports.summary(caller.get(), query);
    }

    /** The call quality of one visit: no calls for a visit without call records and for another tenant's visit alike. */
    @GET
    @Path("/visits/quality")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VisitQuality> quality(@QueryParam("configurationId") String configurationId,
                                     @QueryParam("appointmentId") String appointmentId) {
        VisitSelection visit = VisitSelection.parse(configurationId, appointmentId);
        return quality.visit(caller.get(), visit.configurationId(), visit.appointmentId());
    }
}
