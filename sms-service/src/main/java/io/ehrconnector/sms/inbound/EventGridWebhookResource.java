package io.ehrconnector.sms.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;
import io.ehrconnector.support.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * Azure Communication Services' events through Event Grid (Event Grid event schema): delivery reports and patients' texts
 * to the sending numbers. {@link WebhookGate} has checked the key and the declared size. The subscription validation
 * handshake is answered with its code; every other event is applied before the answer ({@link WebhookEvents}), so a 200
 * means it is done and anything else makes Event Grid deliver again.
 */
@Path(EventGridWebhookResource.PATH)
public class EventGridWebhookResource {

    static final String PATH = "/acs/events";
    private static final String EVENT_GRID_ORIGIN = "eventgrid.azure.net";

    private final WebhookEvents events;
    private final WebhookLimits limits;
    private final ObjectMapper json;

    EventGridWebhookResource(WebhookEvents events, WebhookLimits limits, ObjectMapper json) {
        this.events = events;
        this.limits = limits;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(byte[] body) {
        if (body == null || limits.tooLarge(body.length)) {
            throw limits.problem();
        }
        List<EventGridEvent> delivered;
        try {
            delivered = EventGridEvent.readAll(json, body);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.badRequest(ProblemType.MALFORMED_BODY, "Malformed body",
                    "The body must be a JSON array of Event Grid events (Event Grid event schema), each with id and eventType.");
        }
        for (EventGridEvent event : delivered) {
            if (EventGridEvent.SUBSCRIPTION_VALIDATION.equals(event.eventType())) {
                String code = event.dataText("validationCode");
                if (code == null) {
                    throw ProblemException.badRequest(ProblemType.INVALID_BODY, "Invalid body",
                            "A subscription validation event carries data.validationCode.");
                }
                return Uni.createFrom().item(Response.ok(Map.of("validationResponse", code), MediaType.APPLICATION_JSON)
                        .build());
            }
        }
        return events.apply(delivered).replaceWith(() -> Response.ok().build())
                .onFailure().transform(failure -> new ProblemException(Problem.of(503, ProblemType.SERVICE_UNAVAILABLE,
                        "Service unavailable", "The events could not be applied now; Event Grid delivers them again."), failure));
    }

    /** The CloudEvents webhook abuse-protection handshake (Event Grid sends it for the CloudEvents schema). */
    @OPTIONS
    public Response abuseProtection(@HeaderParam("WebHook-Request-Origin") String origin) {
        if (!EVENT_GRID_ORIGIN.equalsIgnoreCase(origin)) {
            throw ProblemException.badRequest(ProblemType.BAD_REQUEST, "Bad request",
                    "Only Event Grid (WebHook-Request-Origin: " + EVENT_GRID_ORIGIN + ") is answered here.");
        }
        return Response.ok().header("WebHook-Allowed-Origin", EVENT_GRID_ORIGIN).header("WebHook-Allowed-Rate", "*").build();
    }
}
