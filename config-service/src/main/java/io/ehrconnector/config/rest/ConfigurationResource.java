package io.ehrconnector.config.rest;

import io.ehrconnector.config.config.PublicUrl;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.config.service.ConfigurationService;
import io.ehrconnector.config.service.IntegrationRecord;
import io.ehrconnector.config.service.IntegrationRecords;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * FHIR base URL configurations of the caller's tenant. Admins register and change them; the named analyst approves them;
 * both see them, their integration records once approved, and the tenant's change history. Another tenant's ids are
 * "not found".
 */
@Path("/api/v1")
public class ConfigurationResource {

    private final ConfigurationService configurations;
    private final IntegrationRecords integrationRecords;
    private final CurrentCaller caller;
    private final PublicUrl publicUrl;

    ConfigurationResource(ConfigurationService configurations, IntegrationRecords integrationRecords, CurrentCaller caller,
                          PublicUrl publicUrl) {
        this.configurations = configurations;
        this.integrationRecords = integrationRecords;
        this.caller = caller;
        this.publicUrl = publicUrl;
    }

    @GET
    @Path("/configurations")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The tenant's FHIR base URL configurations")
    public Uni<List<ConfigurationView>> list() {
        return configurations.list(caller.get()).map(all -> all.stream().map(ConfigurationView::of).toList());
    }

    @POST
    @Path("/configurations")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a FHIR base URL (checked against the live server); it then waits for approval."
            + " ehrWriteBack is optional (FHIR_AUDIT_EVENT)")
    public Uni<Response> register(@Valid @NotNull ConfigurationRequest request) {
        return configurations.register(caller.get(), request.toInput())
                .map(c -> Response.created(publicUrl.at("/api/v1/configurations/" + c.id))
                        .entity(ConfigurationView.of(c)).build());
    }

    @GET
    @Path("/configurations/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<ConfigurationView> get(@PathParam("id") String id) {
        return configurations.get(caller.get(), ConfigurationIds.parse(id)).map(ConfigurationView::of);
    }

    @PATCH
    @Path("/configurations/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a configuration; any change but ehrWriteBack alone returns it to pending approval")
    public Uni<ConfigurationView> update(@PathParam("id") String id, @Valid @NotNull ConfigurationRequest request) {
        return configurations.update(caller.get(), ConfigurationIds.parse(id), request.toInput()).map(ConfigurationView::of);
    }

    @POST
    @Path("/configurations/{id}/approval")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Approve (only the named analyst, after a successful SMART validation)")
    public Uni<ConfigurationView> approve(@PathParam("id") String id) {
        return configurations.approve(caller.get(), ConfigurationIds.parse(id)).map(ConfigurationView::of);
    }

    @POST
    @Path("/configurations/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ConfigurationView> disable(@PathParam("id") String id) {
        return configurations.disable(caller.get(), ConfigurationIds.parse(id)).map(ConfigurationView::of);
    }

    @POST
    @Path("/configurations/{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ConfigurationView> enable(@PathParam("id") String id) {
        return configurations.enable(caller.get(), ConfigurationIds.parse(id)).map(ConfigurationView::of);
    }

    @GET
    @Path("/configurations/{id}/integration-records")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "What the analyst enters in Epic (approved configurations only); ?download=true to save as JSON")
    public Uni<Response> integrationRecords(@PathParam("id") String id, @QueryParam("download") boolean download) {
        return configurations.get(caller.get(), ConfigurationIds.parse(id)).map(c -> {
            List<IntegrationRecord> records = integrationRecords.of(c);
            Response.ResponseBuilder response = Response.ok(records, MediaType.APPLICATION_JSON_TYPE);
            if (download) {
                response.header("Content-Disposition", "attachment; filename=\"integration-records-"
                        + c.environment.name().toLowerCase() + "-" + c.id + ".json\"");
            }
            return response.build();
        });
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "The tenant's change history, newest first")
    public Uni<List<ChangeView>> history(@QueryParam("page") int page) {
        if (page < 0) {
            throw new BadRequestException("page must be 0 or more");
        }
        return configurations.history(caller.get(), page, 50).map(all -> all.stream().map(ChangeView::of).toList());
    }
}
