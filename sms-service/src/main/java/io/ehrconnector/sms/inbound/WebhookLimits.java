package io.ehrconnector.sms.inbound;

import io.ehrconnector.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The largest delivery the webhook reads ({@code ehr.sms.webhook-max-bytes}); Event Grid's own limit is 1 MB. */
@ApplicationScoped
class WebhookLimits {

    private final long maxBytes;

    WebhookLimits(@ConfigProperty(name = "ehr.sms.webhook-max-bytes", defaultValue = "1048576") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean tooLarge(long bytes) {
        return bytes > maxBytes;
    }

    /** For a Content-Length header: an unreadable one counts as too large. */
    boolean tooLarge(String contentLength) {
        try {
            return tooLarge(Long.parseLong(contentLength.strip()));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    ProblemException problem() {
        return ProblemException.of(413, "payload-too-large", "Payload too large",
                "A webhook delivery is at most " + maxBytes + " bytes.");
    }
}
