package io.ehrconnector.launch.links;

import io.ehrconnector.launch.smart.LaunchPages;
import io.ehrconnector.launch.smart.LaunchRefused;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Join links answer GET, HEAD (the page) and POST (the page's post back) only. Any other method gets the refusal page here,
 * before routing: the suite's 405 problem names the request path as its {@code instance}, and a join link's path is its
 * token.
 */
public class JoinLinkMethods {

    @ServerRequestFilter(preMatching = true)
    public Response onlyGetHeadAndPost(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!request.getUriInfo().getPath().startsWith("/v/") || HttpMethod.GET.equals(method)
                || HttpMethod.HEAD.equals(method) || HttpMethod.POST.equals(method)) {
            return null;
        }
        return Response.fromResponse(LaunchPages.refused(new LaunchRefused(405, "Open this visit link in a browser",
                "Tap the link in your text message; it opens the visit in your web browser.")))
                .header("Allow", "GET, HEAD, POST").build();
    }
}
