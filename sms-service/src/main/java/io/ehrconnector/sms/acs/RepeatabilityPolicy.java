package io.ehrconnector.sms.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Puts the caller's repeatability id and first-sent time into the send request. The SMS SDK (1.1.x, {@code
 * SmsAsyncClient.createSendMessageRequest}) gives every recipient a random {@code repeatabilityRequestId} and "now" as
 * {@code repeatabilityFirstSent}, so its retries would be new sends; ACS recognises a retry only when both are the same as
 * the first attempt's. The values travel in the call's context ({@link #REQUEST_ID}, {@link #FIRST_SENT}) and replace the
 * SDK's in {@code smsRecipients[0]}. Must run before the HMAC policy, which signs the body's hash.
 */
final class RepeatabilityPolicy implements HttpPipelinePolicy {

    /** Context key of the {@link UUID} to send as {@code repeatabilityRequestId}. */
    static final String REQUEST_ID = "ehr-acs-repeatability-request-id";
    /** Context key of the {@link OffsetDateTime} to send as {@code repeatabilityFirstSent}. */
    static final String FIRST_SENT = "ehr-acs-repeatability-first-sent";

    /** IMF-fixdate (RFC 9110 HTTP-date), the form ACS wants and the SDK writes. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Object requestId = context.getData(REQUEST_ID).orElse(null);
        Object firstSent = context.getData(FIRST_SENT).orElse(null);
        if (requestId instanceof UUID id && firstSent instanceof OffsetDateTime first) {
            rewrite(context.getHttpRequest(), id, first);
        }
        return next.process();
    }

    private static void rewrite(HttpRequest request, UUID requestId, OffsetDateTime firstSent) {
        BinaryData body = request.getBodyAsBinaryData();
        if (body == null) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(body.toBytes());
            JsonNode recipients = json.path("smsRecipients");
            if (!recipients.isArray() || recipients.size() != 1 || !(recipients.get(0) instanceof ObjectNode recipient)) {
                throw new IllegalStateException("an ACS send request for one recipient was expected");
            }
            recipient.put("repeatabilityRequestId", requestId.toString());
            recipient.put("repeatabilityFirstSent", HTTP_DATE.format(firstSent.withOffsetSameInstant(ZoneOffset.UTC)));
            request.setBody(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the ACS send request is not JSON", e);
        }
    }
}
