package io.ehrconnector.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Problem details for the security failures Quarkus raises in its HTTP layer, before a request reaches Quarkus REST and
 * its exception mappers: proactive authentication rejecting a credential (an expired or forged bearer token), and
 * path-based HTTP permissions ({@code quarkus.http.auth.permission.*}) denying a request. Quarkus has already set the
 * status and the mechanism's challenge ({@code WWW-Authenticate}) by then; this Vert.x failure handler only writes the
 * body, as the Quarkus security guide recommends instead of exception mappers for that stage.
 *
 * <p>Left as Quarkus answers them: a mechanism's non-401 challenge (a redirect to a sign-in page), and failures other
 * than these three security exceptions (Quarkus' error handler answers them with an error id and no stack in prod).
 */
@Singleton
public class ProblemRouteFailures {

    private final ObjectMapper json;

    public ProblemRouteFailures(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            context.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException) {
            // The authentication handler sent the challenge (status and headers) before failing the request.
            writeOrEnd(context, response.getStatusCode() == 200 ? 401 : response.getStatusCode());
        } else if (failure instanceof UnauthorizedException) {
            HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
            if (authenticator == null) {
                writeOrEnd(context, 401);
            } else {
                authenticator.sendChallenge(context).subscribe().with(
                        sent -> writeOrEnd(context, response.getStatusCode() == 200 ? 401 : response.getStatusCode()),
                        context::fail);
            }
        } else if (failure instanceof ForbiddenException) {
            writeOrEnd(context, 403);
        } else {
            context.next();
        }
    }

    private void writeOrEnd(RoutingContext context, int status) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status);
        if (status != 401 && status != 403) {
            response.end();
            return;
        }
        Problem problem = ProblemResponses.forStatus(status).withInstance(instance(context));
        try {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }

    private static URI instance(RoutingContext context) {
        try {
            return URI.create(context.request().path());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
