package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;

/**
 * Microsoft Graph's webhook: {@code POST /graph/notifications} (change notifications) and {@code POST /graph/lifecycle}
 * (lifecycle notifications). A request with {@code ?validationToken=} is Graph's handshake when a subscription is made:
 * the token goes back as text. Any other request is a notification collection: what is Graph's is stored
 * ({@link NotificationIntake}) and answered 202 within Graph's 3 seconds; the work happens afterwards
 * ({@link NotificationWorker}). A request that could not be stored in time gets 503, so Graph delivers it again.
 */
@Path("/graph")
public class GraphWebhookResource {

    /** Graph wants the answer within 3 seconds; storing must leave room for the network. */
    static final Duration STORE_WITHIN = Duration.ofMillis(2500);
    /** Graph's tokens are about a hundred characters. */
    private static final int MAX_VALIDATION_TOKEN = 4096;

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
        if (validationToken != null) {
            return Uni.createFrom().item(handshake(validationToken));
        }
        if (body == null || body.length > settings.maxNotificationBytes()) {
            return Uni.createFrom().item(Response.status(413).build());
        }
        List<ReceivedNotification> items;
        try {
            items = ReceivedNotification.readAll(json, body);
        } catch (IllegalArgumentException notNotifications) {
            intake.countUnreadable(kind);
            return Uni.createFrom().item(Response.status(400).build());
        }
        return intake.accept(kind, items)
                .ifNoItem().after(STORE_WITHIN).fail()
                .invoke(stored -> {
                    if (stored > 0) {
                        worker.wake();
                    }
                })
                .map(stored -> Response.accepted().build())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Graph notifications not stored, Graph will deliver them again: %s",
                            Failures.classChain(failure));
                    return Response.status(503).header("Retry-After", "5").build();
                });
    }

    /** Graph checks the webhook answers 200 with exactly the token, as text/plain, within 10 seconds. */
    private static Response handshake(String validationToken) {
        if (validationToken.isEmpty() || validationToken.length() > MAX_VALIDATION_TOKEN) {
            return Response.status(400).build();
        }
        return Response.ok(validationToken, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }
}
