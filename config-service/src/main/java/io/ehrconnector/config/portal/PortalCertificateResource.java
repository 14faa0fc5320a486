package io.ehrconnector.config.portal;

import io.ehrconnector.config.certificates.CertificateStatus;
import io.ehrconnector.config.certificates.CertificateView;
import io.ehrconnector.config.certificates.EhrCertificateService;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.CurrentCaller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * The portal's EHR certificates page: per Epic environment the CURRENT and PREVIOUS certificate, an upload form (PEM
 * pasted into a text box, or a PEM/DER file) and removal of the PREVIOUS one, over {@link EhrCertificateService}.
 */
@Path("/portal/certificates")
@Produces(MediaType.TEXT_HTML)
public class PortalCertificateResource {

    /** One environment's section of the page. */
    public record EnvironmentSection(String segment, String name, CertificateView current, CertificateView previous) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance certificates(Caller caller, List<EnvironmentSection> environments, String csrf,
                                                    String message, List<String> notices);
    }

    private final EhrCertificateService certificates;
    private final CurrentCaller currentCaller;
    private final PortalCsrf csrf;

    PortalCertificateResource(EhrCertificateService certificates, CurrentCaller currentCaller, PortalCsrf csrf) {
        this.certificates = certificates;
        this.currentCaller = currentCaller;
        this.csrf = csrf;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(hidden = true)
    public Uni<TemplateInstance> page() {
        return page(null, List.of());
    }

    private Uni<TemplateInstance> page(String message, List<String> notices) {
        Caller caller = currentCaller.get();
        return certificates.list(caller).map(all -> Templates.certificates(caller, Arrays.stream(Environment.values())
                .map(e -> new EnvironmentSection(EnvironmentPaths.segment(e), e.name(), find(all, e, CertificateStatus.CURRENT),
                        find(all, e, CertificateStatus.PREVIOUS)))
                .toList(), csrf.tokenFor(caller), message, notices));
    }

    /** Upload from a form without a file (the text box only). */
    @POST
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> uploadText(@PathParam("environment") String environment,
                                            @RestForm(PortalCsrf.FIELD) String token,
                                            @RestForm("certificate") String certificate) {
        return upload(environment, token, certificate, null);
    }

    /** Upload from the page's form: the text box, or a file (which wins when both are given). */
    @POST
    @Path("/{environment}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> uploadMultipart(@PathParam("environment") String environment,
                                                 @RestForm(PortalCsrf.FIELD) String token,
                                                 @RestForm("certificate") String certificate,
                                                 @RestForm("file") FileUpload file) {
        return upload(environment, token, certificate, file);
    }

    private Uni<TemplateInstance> upload(String environment, String token, String certificate, FileUpload file) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        Environment known = EnvironmentPaths.parse(environment).orElse(null);
        if (known == null) {
            return page("Unknown environment; certificates are kept for " + EnvironmentPaths.ALL + ".", List.of());
        }
        byte[] body;
        if (file != null && file.size() > 0) {
            try {
                // A few kilobytes at most (the HTTP layer caps bodies at 64K); read from the upload's temporary file.
                body = Files.readAllBytes(file.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(file.uploadedFile());
                } catch (IOException ignored) {
                    // Quarkus removes it at the end of the request anyway.
                }
            }
        } else {
            body = certificate == null ? new byte[0] : certificate.getBytes(StandardCharsets.UTF_8);
        }
        return certificates.upload(caller, known, body)
                .flatMap(result -> page("The certificate " + result.current().fingerprint() + " is now the current one for "
                        + EnvironmentPaths.segment(known) + ".", result.notices()))
                .onFailure(ProblemException.class).recoverWithUni(failure -> page(PortalMessages.detail(failure), List.of()));
    }

    @POST
    @Path("/{environment}/previous/removal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Object> removePrevious(@PathParam("environment") String environment,
                                      @RestForm(PortalCsrf.FIELD) String token) {
        Caller caller = currentCaller.get();
        csrf.verify(caller, token);
        Environment known = EnvironmentPaths.parse(environment).orElse(null);
        if (known == null) {
            return page("Unknown environment.", List.of()).map(p -> (Object) p);
        }
        return certificates.removePrevious(caller, known)
                .map(removed -> (Object) PortalRedirects.seeOther("/portal/certificates"))
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> page(PortalMessages.detail(failure), List.of()).map(p -> (Object) p));
    }

    private static CertificateView find(List<CertificateView> all, Environment environment, CertificateStatus status) {
        return all.stream().filter(c -> c.environment() == environment && c.status() == status).findFirst().orElse(null);
    }
}
