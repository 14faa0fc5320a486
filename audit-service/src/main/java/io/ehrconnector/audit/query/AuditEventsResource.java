package io.ehrconnector.audit.query;

import io.ehrconnector.audit.log.AuditEntryRepository;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.entra.EntraRoles;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /audit/events}: the audit log of the caller's own tenant, by visit ({@code appointmentId}) and/or configuration,
 * in a time range. Entra ID bearer token with the app role Connector.Admin or Connector.Analyst. A configuration of another
 * tenant is "not found"; events of other tenants' visits are never in the answer.
 */
@Path("/audit/events")
@RolesAllowed({EntraRoles.ADMIN, EntraRoles.ANALYST})
public class AuditEventsResource {

    private final AuditEntryRepository entries;
    private final KnownConfigurationRepository configurations;
    private final CallerTenant caller;

    AuditEventsResource(AuditEntryRepository entries, KnownConfigurationRepository configurations, CallerTenant caller) {
        this.entries = entries;
        this.configurations = configurations;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AuditEventsPage> events(@QueryParam("appointmentId") String appointmentId,
                                       @QueryParam("configurationId") String configurationId,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("limit") String limit) {
        AuditQuery query = AuditQuery.parse(appointmentId, configurationId, from, to, limit);
        String tenantId = caller.get();
        return Panache.withSession(() -> ownConfiguration(query.configurationId(), tenantId)
                .flatMap(ignored -> entries.search(tenantId, query.appointmentId(), query.configurationId(), query.from(),
                        query.to(), query.limit() + 1)))
                .map(found -> new AuditEventsPage(found.stream().limit(query.limit()).map(AuditEventView::of).toList(),
                        found.size() > query.limit()));
    }

    private Uni<Void> ownConfiguration(String configurationId, String tenantId) {
        if (configurationId == null) {
            return Uni.createFrom().voidItem();
        }
        return configurations.findById(configurationId).map(configuration -> {
            if (configuration == null || !configuration.tenantId.equals(tenantId)) {
                throw ProblemException.notFound("configuration-not-found", "Configuration not found",
                        "No configuration of your organisation has this id.");
            }
            return null;
        });
    }
}
