package io.ehrconnector.launch.links;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v/{token}}, the join link sms-service texts to patients: a valid link goes to the visit's Teams meeting (303),
 * anything else gets a page (410 expired, 404 otherwise), never a redirect. The token is a credential: it is not logged,
 * not shown, and the redirect sends no referrer.
 */
@Path("/v")
public class JoinLinkResource {

    private final JoinLinkVisits visits;

    JoinLinkResource(JoinLinkVisits visits) {
        this.visits = visits;
    }

    @GET
    @Path("/{token}")
    public Uni<Response> join(@PathParam("token") String token) {
        return Uni.createFrom().deferred(() -> visits.join(token))
                .map(joinUrl -> Response.seeOther(joinUrl)
                        .header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer")
                        .build())
                .onFailure().recoverWithItem(JoinLinkRefusals::page);
    }
}
