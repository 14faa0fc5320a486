package io.ehrconnector.launch.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.launch.presence.GraphWebhookAnswers;
import io.ehrconnector.launch.presence.PresenceSettings;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Microsoft Graph's webhook for call records: {@code POST /graph/call-records/notifications} (a call record was made) and
 * {@code POST /graph/call-records/lifecycle} (lifecycle notifications of the tenants' subscriptions). Graph's validation
 * handshake and the body limit are answered as for presence ({@link GraphWebhookAnswers}); what is Graph's is stored
 * ({@link CallRecordIntake}) and answered 202 within Graph's 3 seconds, and the records are fetched afterwards
 * ({@link CallRecordWorker}).
 */
@Path("/graph/call-records")
public class CallRecordWebhookResource {

    private final CallRecordIntake intake;
    private final CallRecordWorker worker;
    private final CallRecordSubscriptionKeeper keeper;
    private final CallQualitySettings settings;
    private final PresenceSettings presence;
    private final ObjectMapper json;

    CallRecordWebhookResource(CallRecordIntake intake, CallRecordWorker worker, CallRecordSubscriptionKeeper keeper,
                              CallQualitySettings settings, PresenceSettings presence, ObjectMapper json) {
        this.intake = intake;
        this.worker = worker;
        this.keeper = keeper;
        this.settings = settings;
        this.presence = presence;
        this.json = json;
    }

    @POST
    @Path("/notifications")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> notifications(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(CallRecordIntake.Kind.CHANGE, validationToken, body);
    }

    @POST
    @Path("/lifecycle")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> lifecycle(@QueryParam("validationToken") String validationToken, byte[] body) {
        return receive(CallRecordIntake.Kind.LIFECYCLE, validationToken, body);
    }

    private Uni<Response> receive(CallRecordIntake.Kind kind, String validationToken, byte[] body) {
        if (validationToken == null && !settings.active(presence)) {
            // Switched off: subscriptions made before keep notifying until they expire; nothing would ever fetch the records.
            return Uni.createFrom().item(Response.accepted().build());
        }
        return GraphWebhookAnswers.answer(validationToken, body, presence.maxNotificationBytes(), json,
                items -> intake.accept(kind, items).invoke(accepted -> {
                    if (accepted.keeperWork()) {
                        keeper.wake();
                    }
                }).map(CallRecordIntake.Accepted::callRecords),
                () -> intake.countUnreadable(kind), worker::wake);
    }
}
