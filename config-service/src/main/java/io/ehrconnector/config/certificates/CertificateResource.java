package io.ehrconnector.config.certificates;

import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.problem.ProblemException;
import io.ehrconnector.support.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The EHR's public-key certificates of the caller's tenant, one CURRENT (and possibly one PREVIOUS) per Epic environment
 * ({@code test}, {@code production}); see the package documentation.
 * <ul>
 *   <li>{@code PUT /api/v1/certificates/{environment}} (admin): upload. Body: PEM or Base64 text ({@code text/plain},
 *       {@code application/x-pem-file}) or DER ({@code application/pkix-cert}, {@code application/x-x509-ca-cert},
 *       {@code application/octet-stream}); the content decides how it is read. PKCS#8 and PKCS#12 media types are taken too,
 *       only to be refused with the private-key message rather than a bare 415. Answers the new CURRENT, the PREVIOUS and
 *       notices; a refusal is a 422 problem whose type names the reason, and changes nothing.</li>
 *   <li>{@code GET /api/v1/certificates} (admin, analyst): every certificate of the tenant.</li>
 *   <li>{@code GET /api/v1/certificates/{environment}/pem} (admin, analyst): the CURRENT certificate as a PEM download.</li>
 *   <li>{@code DELETE /api/v1/certificates/{environment}/previous} (admin): stop accepting the PREVIOUS certificate.</li>
 * </ul>
 * Bodies over {@code quarkus.http.limits.max-body-size} (64K) are refused by the HTTP layer with 413 before they are read.
 */
@Path("/api/v1/certificates")
public class CertificateResource {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";
    /** The media types an upload may be sent as (parameters such as charset aside); absent counts as octet-stream. */
    static final Set<String> UPLOAD_MEDIA_TYPES = Set.of(MediaType.TEXT_PLAIN, PEM_MEDIA_TYPE, "application/pkix-cert",
            "application/x-x509-ca-cert", "application/x-x509-user-cert", MediaType.APPLICATION_OCTET_STREAM,
            "application/pkcs8", "application/pkcs12", "application/x-pkcs12");

    private final EhrCertificateService certificates;
    private final CurrentCaller caller;

    CertificateResource(EhrCertificateService certificates, CurrentCaller caller) {
        this.certificates = certificates;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's EHR certificates: per environment the current one and the previous one, if any")
    public Uni<List<CertificateView>> list() {
        return certificates.list(caller.get());
    }

    @PUT
    @Path("/{environment}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload the EHR's public-key certificate for an environment (PEM, Base64 or DER; never a private"
            + " key); the current one becomes the previous one")
    public Uni<CertificateUploadResult> upload(@PathParam("environment") String environment,
                                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Environment known = environment(environment);
        requireUploadMediaType(contentType);
        return certificates.upload(caller.get(), known, body == null ? new byte[0] : body);
    }

    @GET
    @Path("/{environment}/pem")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Produces({PEM_MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @Operation(summary = "The current EHR certificate of an environment as a PEM file")
    public Uni<Response> pem(@PathParam("environment") String environment) {
        Environment known = environment(environment);
        return certificates.currentPem(caller.get(), known)
                .map(pem -> Response.ok(pem).header("Content-Disposition", "attachment; filename=\"ehr-certificate-"
                        + EnvironmentPaths.segment(known) + ".pem\"").build());
    }

    @DELETE
    @Path("/{environment}/previous")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Stop accepting the previous EHR certificate of an environment")
    public Uni<Response> removePrevious(@PathParam("environment") String environment) {
        Environment known = environment(environment);
        return certificates.removePrevious(caller.get(), known).map(removed -> Response.noContent().build());
    }

    private static Environment environment(String segment) {
        return EnvironmentPaths.parse(segment).orElseThrow(() -> ProblemException.notFound("unknown-environment",
                "Unknown environment", "There are certificates for these environments only: " + EnvironmentPaths.ALL
                        + "."));
    }

    private static void requireUploadMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!UPLOAD_MEDIA_TYPES.contains(type)) {
            throw ProblemException.of(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                    "Send the certificate as text/plain (PEM or Base64 text) or as application/pkix-cert or"
                            + " application/octet-stream (DER bytes).");
        }
    }
}
