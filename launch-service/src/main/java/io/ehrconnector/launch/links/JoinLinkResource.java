package io.ehrconnector.launch.links;

import io.ehrconnector.launch.smart.LaunchPages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The join link sms-service texts to patients, in two steps so that a link preview opens nothing: messaging apps fetch a
 * link to show its preview. {@code GET /v/{token}} only checks the link and answers a page whose script posts back at once
 * ({@link LaunchPages#postBack}); {@code POST /v/{token}} opens the visit: its Teams meeting (303) and the announcement of
 * the patient's entry. A link that opens nothing gets a page on either step (410 expired, 404 otherwise), never a
 * redirect. The token is a credential: it is not logged, not shown, and no page or redirect sends a referrer.
 */
@Path("/v")
public class JoinLinkResource {

    private final JoinLinkVisits visits;

    JoinLinkResource(JoinLinkVisits visits) {
        this.visits = visits;
    }

    @GET
    @Path("/{token}")
    public Uni<Response> open(@PathParam("token") String token) {
        return Uni.createFrom().deferred(() -> visits.check(token))
                .map(valid -> LaunchPages.postBack("Opening your visit", "Opening your visit in Microsoft Teams\u2026",
                        "Join the visit"))
                .onFailure().recoverWithItem(JoinLinkRefusals::page);
    }

    @POST
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
