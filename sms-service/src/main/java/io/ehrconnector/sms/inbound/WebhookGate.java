package io.ehrconnector.sms.inbound;

import io.ehrconnector.support.problem.ProblemException;
import io.ehrconnector.support.problem.ProblemType;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a webhook delivery without the right {@value WebhookKey#HEADER} (401) or declaring a body above the limit (413)
 * before its body is read. The resource checks the length of what arrives too, for bodies sent without a length.
 */
class WebhookGate {

    private final WebhookKey key;
    private final WebhookLimits limits;

    WebhookGate(WebhookKey key, WebhookLimits limits) {
        this.key = key;
        this.limits = limits;
    }

    @ServerRequestFilter(preMatching = true)
    void check(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith(EventGridWebhookResource.PATH)) {
            return;
        }
        if (!key.matches(request.getHeaderString(WebhookKey.HEADER))) {
            throw ProblemException.of(401, ProblemType.UNAUTHORIZED, "Unauthorized",
                    "Send the webhook key configured on the Event Grid subscription as the " + WebhookKey.HEADER + " header.");
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && limits.tooLarge(length)) {
            throw limits.problem();
        }
    }
}
