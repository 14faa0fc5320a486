package io.ehrconnector.sms.inbound;

import io.ehrconnector.sms.acs.AcsSendResult;
import io.ehrconnector.sms.acs.AcsSms;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Answers HELP (or INFO, AYUDA) with the help text, from the number the patient wrote to. The reply's repeatability id is
 * derived from the inbound message's id and its first-sent time is the inbound message's time, so a redelivered event, or a
 * retry after a failure, never texts the patient twice.
 */
@ApplicationScoped
class HelpReplies {

    private final AcsSms sms;
    private final String english;
    private final String spanish;

    HelpReplies(AcsSms sms, @ConfigProperty(name = "ehr.sms.help-text") String english,
                @ConfigProperty(name = "ehr.sms.help-text-es") String spanish) {
        this.sms = sms;
        this.english = english;
        this.spanish = spanish;
    }

    /**
     * Sends the help text; fails with {@link HelpNotSent} when ACS should be asked again later (the webhook then answers
     * 503 and Event Grid delivers the event again).
     *
     * @param spanishRequested the patient wrote AYUDA
     */
    Uni<AcsSendResult> reply(String ourNumber, String patient, String inboundMessageId, OffsetDateTime received,
                             boolean spanishRequested) {
        UUID repeatabilityId = UUID.nameUUIDFromBytes(("ehr-connector/sms/help-reply/" + inboundMessageId)
                .getBytes(StandardCharsets.UTF_8));
        return sms.send(ourNumber, patient, spanishRequested ? spanish : english, repeatabilityId, received, false)
                .invoke(result -> {
                    if (result.kind() != AcsSendResult.Kind.ACCEPTED) {
                        Log.warnf("Help reply not sent: %s (HTTP %d, %s)", result.kind(), result.httpStatus(),
                                result.errorCode());
                    }
                })
                .onItem().transformToUni(result -> result.kind() == AcsSendResult.Kind.RETRYABLE
                        ? Uni.createFrom().failure(new HelpNotSent()) : Uni.createFrom().item(result));
    }

    /** ACS could not take the reply now. */
    static final class HelpNotSent extends RuntimeException {
        HelpNotSent() {
            super("the help reply could not be sent now", null, false, false);
        }
    }
}
