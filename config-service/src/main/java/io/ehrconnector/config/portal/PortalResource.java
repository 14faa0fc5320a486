package io.ehrconnector.config.portal;

import io.ehrconnector.config.entity.ConfigurationChange;
import io.ehrconnector.config.rest.ConfigurationIds;
import io.ehrconnector.config.rest.ConfigurationView;
import io.ehrconnector.config.config.PublicUrl;
import io.ehrconnector.config.rest.SmartBindingCookie;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.config.service.ConfigurationInput;
import io.ehrconnector.config.service.ConfigurationService;
import io.ehrconnector.config.service.IntegrationRecord;
import io.ehrconnector.config.service.IntegrationRecords;
import io.ehrconnector.config.service.SmartValidationService;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Locale;

/**
 * The admin and analyst portal: server-rendered pages over the same services the REST API uses, signed in with Entra ID
 * (authorization code flow). Every form carries a CSRF token; every failure is shown as a readable message on the page.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Caller caller, List<ConfigurationView> configurations, String csrf, String message);

        static native TemplateInstance configuration(Caller caller, ConfigurationView configuration, boolean canValidate,
                                                     String csrf, String message);

        static native TemplateInstance records(ConfigurationView configuration, List<IntegrationRecord> records);

        static native TemplateInstance history(List<ConfigurationChange> changes);

        static native TemplateInstance signedOut();
    }

    private final ConfigurationService configurations;
    private final SmartValidationService validations;
    private final IntegrationRecords integrationRecords;
    private final CurrentCaller currentCaller;
    private final PortalCsrf csrf;
    private final PublicUrl publicUrl;

    PortalResource(ConfigurationService configurations, SmartValidationService validations,
                   IntegrationRecords integrationRecords, CurrentCaller currentCaller, PortalCsrf csrf, PublicUrl publicUrl) {
        this.configurations = configurations;
        this.validations = validations;
        this.integrationRecords = integrationRecords;
        this.currentCaller = currentCaller;
        this.csrf = csrf;
        this.publicUrl = publicUrl;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> home() {
        return home(null);
    }

    private Uni<TemplateInstance> home(String message) {
        Caller caller = currentCaller.get();
        return configurations.list(caller).map(all -> Templates.home(caller,
                all.stream().map(ConfigurationView::of).toList(), csrf.tokenFor(caller), message));
    }

    @POST
    @Path("/configurations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Object> register(@FormParam(PortalCsrf.FIELD) String token, @FormParam("environment") String environment,
                                @FormParam("fhirBaseUrl") String fhirBaseUrl,
                                @FormParam("approverUsername") String approverUsername,
                                @FormParam("organizationName") String organizationName,
                                @FormParam("timeZone") String timeZone) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        ConfigurationInput input = new ConfigurationInput(environment(environment), fhirBaseUrl, approverUsername,
                organizationName, timeZone);
        return configurations.register(caller, input)
                .map(c -> (Object) seeOther("/portal/configurations/" + c.id))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> home(PortalMessages.detail(failure)).map(page -> (Object) page));
    }

    @GET
    @Path("/configurations/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> configuration(@PathParam("id") String id) {
        return configurationPage(id, null);
    }

    private Uni<TemplateInstance> configurationPage(String id, String message) {
        Caller caller = currentCaller.get();
        return configurations.get(caller, ConfigurationIds.parse(id)).map(c -> Templates.configuration(caller, ConfigurationView.of(c),
                caller.isAnalyst() && c.approverUsername.equals(caller.username()), csrf.tokenFor(caller), message));
    }

    /**
     * The admin's choice of how connects and disconnects are written back to the EHR. Keeps the approval; recorded in the
     * history and published as a new version like every change.
     */
    @POST
    @Path("/configurations/{id}/ehr-write-back")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Object> ehrWriteBack(@PathParam("id") String id, @FormParam(PortalCsrf.FIELD) String token,
                                    @FormParam("ehrWriteBack") String ehrWriteBack) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        EhrWriteBack choice = ehrWriteBack(ehrWriteBack);
        if (choice == null) {
            return configurationPage(id, "Choose how connects and disconnects are written back to Epic: FHIR AuditEvent"
                    + " or Epic telehealth connection status.").map(page -> (Object) page);
        }
        return configurations.update(caller, ConfigurationIds.parse(id), ConfigurationInput.ehrWriteBack(choice))
                .map(c -> (Object) seeOther("/portal/configurations/" + c.id))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> configurationPage(id, PortalMessages.detail(failure)).map(page -> (Object) page));
    }

    @POST
    @Path("/configurations/{id}/smart-validation")
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Uni<Object> startValidation(@PathParam("id") String id, @FormParam(PortalCsrf.FIELD) String token) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        return validations.start(caller, ConfigurationIds.parse(id), SmartBindingCookie.callbackUri(publicUrl))
                .map(start -> (Object) Response.seeOther(start.authorizationUrl())
                        .cookie(SmartBindingCookie.of(start.browserBinding(), publicUrl))
                        .build())
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> configurationPage(id, PortalMessages.detail(failure)).map(page -> (Object) page));
    }

    @POST
    @Path("/configurations/{id}/approval")
    @RolesAllowed(Roles.ANALYST)
    @Operation(hidden = true)
    public Uni<Object> approve(@PathParam("id") String id, @FormParam(PortalCsrf.FIELD) String token) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        return configurations.approve(caller, ConfigurationIds.parse(id))
                .map(c -> (Object) seeOther("/portal/configurations/" + c.id))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> configurationPage(id, PortalMessages.detail(failure)).map(page -> (Object) page));
    }

    @GET
    @Path("/configurations/{id}/records")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> records(@PathParam("id") String id) {
        return configurations.get(currentCaller.get(), ConfigurationIds.parse(id))
                .map(c -> Templates.records(ConfigurationView.of(c), integrationRecords.of(c)));
    }

    @GET
    @Path("/configurations/{id}/records.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<Response> recordsJson(@PathParam("id") String id) {
        return configurations.get(currentCaller.get(), ConfigurationIds.parse(id)).map(c -> Response.ok(integrationRecords.of(c))
                .header("Content-Disposition", "attachment; filename=\"integration-records-"
                        + c.environment.name().toLowerCase(Locale.ROOT) + "-" + c.id + ".json\"")
                .build());
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> history() {
        return configurations.history(currentCaller.get(), 0, 200).map(Templates::history);
    }

    @GET
    @Path("/signed-out")
    @PermitAll
    @Operation(hidden = true)
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }

    private static Response seeOther(String path) {
        return PortalRedirects.seeOther(path);
    }

    private static EhrWriteBack ehrWriteBack(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EhrWriteBack.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Environment environment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Environment.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
