package io.ehrconnector.sms.inbound;

import io.ehrconnector.sms.optout.OptOutLedger;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A patient's text to one of the sending numbers ({@code Microsoft.Communication.SMSReceived}): STOP and its synonyms opt
 * the patient out of that number's texts, START opts back in, HELP gets the help text. Nothing else is answered: nobody
 * reads this channel, and an automatic answer to every text could loop with another auto-responder (the help text says
 * the number is not monitored). Neither the numbers nor the text are logged or kept, except the opt-out's HMAC.
 */
@ApplicationScoped
class InboundMessages {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final OptOutLedger optOuts;
    private final HelpReplies help;

    InboundMessages(OptOutLedger optOuts, HelpReplies help) {
        this.optOuts = optOuts;
        this.help = help;
    }

    /** Applies the message inside the caller's transaction; returns the outcome for the metrics. */
    Uni<String> handle(EventGridEvent event) {
        String patient = event.dataText("from");
        String ourNumber = event.dataText("to");
        if (patient == null || ourNumber == null || !E164.matcher(patient).matches() || !E164.matcher(ourNumber).matches()) {
            return Uni.createFrom().item("incomplete");
        }
        return Keyword.of(event.dataText("message")).map(keyword -> switch (keyword) {
            case STOP -> optOuts.optOut(ourNumber, patient).replaceWith("opted-out");
            case START -> optOuts.optIn(ourNumber, patient).replaceWith("opted-in");
            case HELP, HELP_SPANISH -> help.reply(ourNumber, patient,
                    Objects.requireNonNullElse(event.dataText("messageId"), event.id()), received(event),
                    keyword == Keyword.HELP_SPANISH).replaceWith("help-answered");
        }).orElseGet(() -> Uni.createFrom().item("not-a-keyword"));
    }

    /** The same time on every delivery of the event (it is the help reply's first-sent time). */
    private static OffsetDateTime received(EventGridEvent event) {
        OffsetDateTime received = event.dataTime("receivedTimestamp");
        if (received == null) {
            received = event.eventTime();
        }
        return received != null ? received : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
