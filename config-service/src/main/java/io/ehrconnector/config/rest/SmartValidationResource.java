package io.ehrconnector.config.rest;

import io.ehrconnector.config.config.PublicUrl;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.config.service.SmartValidationService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * The analyst's SMART sign-in to Epic that proves a FHIR base URL. {@code POST .../smart-validation} answers with the Epic
 * authorization URL to open in the same browser (and sets the browser-binding cookie); Epic redirects that browser back to
 * {@code GET /api/v1/smart/callback}, which completes the proof and shows the outcome.
 */
@Path("/api/v1")
public class SmartValidationResource {

    static final String CALLBACK_PATH = "/api/v1/smart/callback";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outcome(boolean validated, String failure, String configurationId);
    }

    private final SmartValidationService validations;
    private final CurrentCaller caller;
    private final PublicUrl publicUrl;

    SmartValidationResource(SmartValidationService validations, CurrentCaller caller, PublicUrl publicUrl) {
        this.validations = validations;
        this.caller = caller;
        this.publicUrl = publicUrl;
    }

    @POST
    @Path("/configurations/{id}/smart-validation")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Start the named analyst's SMART sign-in to Epic for this FHIR base URL")
    public Uni<Response> start(@PathParam("id") String id) {
        return validations.start(caller.get(), ConfigurationIds.parse(id), SmartBindingCookie.callbackUri(publicUrl))
                .map(start -> Response.ok(Map.of("authorizationUrl", start.authorizationUrl().toString()))
                        .cookie(SmartBindingCookie.of(start.browserBinding(), publicUrl))
                        .build());
    }

    @GET
    @Path("/smart/callback")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Epic's redirect back after the analyst's sign-in (browser only)")
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("code") String code,
                                  @QueryParam("error") String error, @QueryParam("iss") String issuer,
                                  @CookieParam(SmartBindingCookie.NAME) String binding) {
        return validations.complete(state, binding, code, error, issuer).map(done -> Response
                .status(done.validated() ? 200 : 400)
                .type(MediaType.TEXT_HTML_TYPE)
                .cookie(SmartBindingCookie.cleared())
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .entity(Templates.outcome(done.validated(), done.failure(), done.configurationId()).render())
                .build());
    }
}
