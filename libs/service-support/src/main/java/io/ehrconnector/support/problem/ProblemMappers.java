package io.ehrconnector.support.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.net.URI;
import java.util.UUID;

/**
 * Turns every failure of a Quarkus REST endpoint into RFC 9457 problem details ({@value Problem#MEDIA_TYPE}). Every service
 * gets these mappers from service-support; the more specific exception type wins, so a service may still map its own
 * exception types.
 *
 * <ul>
 *   <li>{@link ProblemException}: its problem, as thrown.</li>
 *   <li>{@link WebApplicationException} (NotFound, NotAllowed, NotAcceptable, NotSupported, BadRequest...): its status and
 *       headers, a fixed detail per status. Its message is not sent: throw a {@link ProblemException} to explain more.
 *       A 400 caused by Jackson (unparsable body) becomes {@code malformed-body} / {@code invalid-body}. A WebApplicationException
 *       coming from a REST client call (another server's answer) is a 500 here, like any unexpected failure.</li>
 *   <li>{@link ConstraintViolationException}: 400 {@code validation-failed} with one field error per violation, named as
 *       the client sees the field (no method or Java parameter names). Violations of a method's return value are server
 *       bugs: 500. Message templates must not interpolate {@code ${validatedValue}}, since the message is sent.</li>
 *   <li>{@link MismatchedInputException} (JSON of the wrong shape): 400 {@code invalid-body} with the field path.</li>
 *   <li>{@link UnauthorizedException}, {@link AuthenticationFailedException}: 401 with the authentication mechanism's
 *       challenge ({@code WWW-Authenticate}); {@link ForbiddenException}: 403.</li>
 *   <li>anything else: 500 {@code internal-error} with an error id; logged with the error id, the class chain
 *       ({@link Failures#classChain}) and the throwing code location, never the message (it may carry PHI).</li>
 * </ul>
 *
 * Authentication that fails <em>before</em> a request reaches Quarkus REST (proactive authentication rejecting a bad
 * token, path-based HTTP permissions) never reaches these mappers: {@link ProblemRouteFailures} covers that path.
 */
@Singleton
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException exception, UriInfo uri) {
        Problem problem = exception.problem();
        if (problem.status() >= 500) {
            Log.warnf("Answered %d %s%s", problem.status(), problem.type(),
                    exception.getCause() == null ? "" : " caused by " + Failures.classChain(exception.getCause()));
        }
        return ProblemResponses.response(problem, path(uri));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uri, SimpleResourceInfo resource) {
        if (exception instanceof ResteasyReactiveClientProblem || exception.getResponse() == null
                || exception.getResponse().getStatus() == 500) {
            return unexpected(exception, uri, resource);
        }
        return ProblemResponses.webApplication(exception, path(uri));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException exception, UriInfo uri, SimpleResourceInfo resource) {
        if (exception.getConstraintViolations() == null || exception.getConstraintViolations().isEmpty()
                || ProblemResponses.hasReturnValueViolation(exception.getConstraintViolations())) {
            return unexpected(exception, uri, resource);
        }
        return ProblemResponses.response(ProblemResponses.violations(exception.getConstraintViolations()), path(uri));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception, UriInfo uri) {
        return ProblemResponses.response(ProblemResponses.jsonBody(exception), path(uri));
    }

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException exception, RoutingContext context, UriInfo uri) {
        return challenge(context, path(uri));
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException exception, RoutingContext context, UriInfo uri) {
        HttpSecurityUtils.addAuthenticationFailureToEvent(exception, context);
        return challenge(context, path(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, UriInfo uri) {
        return ProblemResponses.response(ProblemResponses.forStatus(403), path(uri));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, UriInfo uri, SimpleResourceInfo resource) {
        String errorId = UUID.randomUUID().toString();
        String where = resource == null || resource.getResourceClass() == null ? "a request"
                : resource.getResourceClass().getSimpleName() + "#" + resource.getMethodName();
        Log.errorf("Unexpected failure in %s, error id %s: %s at %s", where, errorId, Failures.classChain(exception),
                ProblemResponses.origin(exception));
        return ProblemResponses.response(ProblemResponses.unexpected(errorId), path(uri));
    }

    /**
     * 401 with the challenge of the request's authentication mechanism (as Quarkus' own mapper sends it), the body a
     * problem. A mechanism whose challenge is not a 401 (a redirect to a sign-in page) keeps its own answer.
     */
    private static Uni<Response> challenge(RoutingContext context, URI instance) {
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context).onFailure().recoverWithNull();
        return challenge.map(data -> {
            int status = data == null ? 401 : data.status;
            Response.ResponseBuilder builder = status == 401
                    ? Response.fromResponse(ProblemResponses.response(ProblemResponses.forStatus(401), instance))
                    : Response.status(status);
            if (data != null) {
                data.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
            }
            return builder.build();
        });
    }

    /** The request path: the problem's instance. The client sent it, so it tells the client nothing new. */
    private static URI path(UriInfo uri) {
        if (uri == null) {
            return null;
        }
        try {
            return URI.create(uri.getRequestUri().getRawPath());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
