package io.ehrconnector.hl7ingest;

import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Test-only endpoints that fail in each way {@link ProblemDetailsTest} checks. Names and numbers are made up. */
@Path("/test/problems")
public class ProblemThrowingResource {

    static final String SECRET = "Patient Jane Doe MRN 4455667";

    public record Sms(@NotBlank String senderNumber) {
    }

    public record Visit(@NotBlank String room, int minutes, @Valid @NotNull Sms sms, List<String> tags) {
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("configuration-changed", "Configuration changed",
                "Someone changed this configuration since you loaded it; reload it and apply your change again.");
    }

    @GET
    @Path("/uni-not-found")
    public Uni<String> uniNotFound() {
        return Uni.createFrom().failure(ProblemException.notFound("configuration-not-found", "Configuration not found",
                "No configuration has this id."));
    }

    @GET
    @Path("/jaxrs-not-found")
    public String jaxRsNotFound() {
        throw new NotFoundException("no appointment for " + SECRET);
    }

    @GET
    @Path("/visits")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Visit> visits() {
        return List.of();
    }

    @POST
    @Path("/visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Visit create(@Valid Visit visit, @QueryParam("page-size") @Max(50) Integer pageSize) {
        return visit;
    }

    @GET
    @Path("/unauthorized")
    public String unauthorized() {
        throw new UnauthorizedException(SECRET);
    }

    @GET
    @Path("/authentication-failed")
    public String authenticationFailed() {
        throw new AuthenticationFailedException(SECRET);
    }

    @GET
    @Path("/forbidden")
    public String forbidden() {
        throw new ForbiddenException(SECRET);
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException(SECRET, new IllegalArgumentException(SECRET));
    }

    @GET
    @Path("/uni-boom")
    public Uni<String> uniBoom() {
        return Uni.createFrom().failure(new IllegalStateException(SECRET));
    }
}
