package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What every Graph webhook of this service answers, whatever it subscribes to: the validation handshake, a body too large
 * or unreadable, and 202 once the notifications were stored within Graph's 3 seconds (503 otherwise, so Graph delivers
 * them again).
 */
public final class GraphWebhookAnswers {

    /** Graph wants the answer within 3 seconds; storing must leave room for the network. */
    static final Duration STORE_WITHIN = Duration.ofMillis(2500);
    /** Graph's tokens are about a hundred characters. */
    private static final int MAX_VALIDATION_TOKEN = 4096;

    private GraphWebhookAnswers() {
    }

    /**
     * Answers one request to a Graph webhook: the handshake when Graph sent a validation token; 413 for a body larger than
     * {@code maxBytes}; 400 (after {@code unreadable} counted it) for a body that is no notification collection; else 202
     * once {@code store} has stored what is Graph's (then {@code wake} runs when anything is new), or 503 when that took
     * too long or failed.
     *
     * @param store returns how many stored items are new
     */
    public static Uni<Response> answer(String validationToken, byte[] body, int maxBytes, ObjectMapper json,
                                       Function<List<ReceivedNotification>, Uni<Integer>> store, Runnable unreadable,
                                       Runnable wake) {
        if (validationToken != null) {
            return Uni.createFrom().item(handshake(validationToken));
        }
        if (body == null || body.length > maxBytes) {
            return Uni.createFrom().item(Response.status(413).build());
        }
        List<ReceivedNotification> items;
        try {
            items = ReceivedNotification.readAll(json, body);
        } catch (IllegalArgumentException notNotifications) {
            unreadable.run();
            return Uni.createFrom().item(Response.status(400).build());
        }
        return store.apply(items)
                .ifNoItem().after(STORE_WITHIN).fail()
                .invoke(stored -> {
                    if (stored > 0) {
                        wake.run();
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
