package io.ehrconnector.launch.devicetest;

import io.ehrconnector.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The device test that Epic's device-test record points patients and clinicians at:
 * {@code GET /device-test/<environment>/<configurationId>} is the page (camera, microphone, speakers, browser; no install,
 * no account, no cookie), and the page posts its outcome once to {@code .../report}. The configuration is part of the
 * address because each report must name the configuration it belongs to, and the environment stays in it so the record
 * reads like every other integration record.
 */
@Path("/device-test/{environment}/{configurationId}")
public class DeviceTestResource {

    private final DeviceTestConfigurations configurations;
    private final DeviceTestReportReader reader;
    private final DeviceTestReports reports;

    DeviceTestResource(DeviceTestConfigurations configurations, DeviceTestReportReader reader, DeviceTestReports reports) {
        this.configurations = configurations;
        this.reader = reader;
        this.reports = reports;
    }

    @GET
    @Operation(summary = "The device-test page of an approved configuration (else a 404 page)")
    public Uni<Response> page(@PathParam("environment") String environment,
                              @PathParam("configurationId") String configurationId, @Context UriInfo uri) {
        return configurations.isApproved(environment, configurationId).map(approved -> {
            if (!approved) {
                return DeviceTestPages.notFound();
            }
            return uri.getPath().endsWith("/") ? DeviceTestPages.withoutTrailingSlash(configurationId)
                    : DeviceTestPages.page();
        });
    }

    @POST
    @Path("/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The page's outcome, once per run: published as VisitLaunched (DEVICE_TEST) and DeviceTestReported")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeviceTestReport.class)))
    public Uni<Response> report(@PathParam("environment") String environment,
                                @PathParam("configurationId") String configurationId, byte[] body) {
        DeviceTestReport report = reader.read(body);
        return configurations.isApproved(environment, configurationId)
                .chain(approved -> {
                    if (!approved) {
                        throw ProblemException.notFound("device-test-not-found", "Device test not found",
                                "No approved configuration of this environment has this device-test address; use the"
                                        + " device test URL of the current integration record.");
                    }
                    return reports.record(configurationId, report);
                })
                .replaceWith(Response.accepted().build());
    }
}
