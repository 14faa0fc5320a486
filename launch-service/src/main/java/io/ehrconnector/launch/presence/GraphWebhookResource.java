package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Microsoft Graph's webhook: {@code POST /graph/notifications} (change notifications) and {@code POST /graph/lifecycle}
 * (lifecycle notifications). A request with {@code ?validationToken=} is Graph's handshake when a subscription is made:
 * the token goes back as text. Any other request is a notification collection: what is Graph's is stored
 * ({@link NotificationIntake}) and answered 202 within Graph's 3 seconds; the work happens afterwards
 * ({@link NotificationWorker}). A request that could not be stored in time gets 503, so Graph delivers it again
 * ({@link GraphWebhookAnswers}, shared with the call record webhook).
 */
@Path("/graph")
public class GraphWebhookResource {

    private final NotificationIntake intake;
    private final NotificationWorker worker;
    private final PresenceSettings settings;
    private final ObjectMapper json;

    GraphWebhookResource(NotificationIntake intake, NotificationWorker worker, PresenceSettings settings, ObjectMapper json) {
        this.intake = intake;
        this.worker = worker;
        this.settings = settings;
        this.json = json;
    }

    @POST
    @Path("/notifications")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> notifications(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(GraphNotification.Kind.CHANGE, validationToken, body);
    }

    @POST
    @Path("/lifecycle")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> lifecycle(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(GraphNotification.Kind.LIFECYCLE, validationToken, body);
    }

    private Uni<Response> receive(GraphNotification.Kind kind, String validationToken, byte[] body) {
        return GraphWebhookAnswers.answer(validationToken, body, settings.maxNotificationBytes(), json,
                items -> intake.accept(kind, items), () -> intake.countUnreadable(kind), worker::wake);
    }
}
