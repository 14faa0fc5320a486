package io.ehrconnector.config.sms;

import io.ehrconnector.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers {@link SmsWouldStop} as a problem with the extension member {@code stops} (more specific than service-support's). */
@jakarta.inject.Singleton
class SmsProblemMapper {

    @ServerExceptionMapper
    public Response wouldStop(SmsWouldStop exception, UriInfo uri) {
        Problem problem = exception.problem();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (uri != null) {
            body.put("instance", uri.getRequestUri().getRawPath());
        }
        body.put("stops", exception.stops());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
