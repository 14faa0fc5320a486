package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * ACS {@code POST /sms?api-version=2021-03-07}: 202 with one result per recipient. A recipient whose
 * {@code repeatabilityRequestId} (or the request's {@code Repeatability-Request-ID} header) was seen before is not sent
 * again: the first result is returned and the entry is recorded as a repeat. Failures can be injected before the
 * message is accepted (nothing sent) or after (sent, but the client sees an error and will retry: the retry is a repeat).
 */
final class AcsSmsEndpoint {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final DateTimeFormatter MESSAGE_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final FailureInjector failBeforeAccepting = new FailureInjector();
    private final FailureInjector failAfterAccepting = new FailureInjector();
    private final Map<String, Map<String, Object>> resultsByRepeatabilityId = new ConcurrentHashMap<>();
    private final List<SentSms> sent = new CopyOnWriteArrayList<>();

    void failNext(int count, int status) {
        failBeforeAccepting.failNext(count, status);
    }

    void failNextAfterAccepting(int count, int status) {
        failAfterAccepting.failNext(count, status);
    }

    List<SentSms> sent() {
        return List.copyOf(sent);
    }

    StandInResponse send(StandInRequest request) {
        OptionalInt failure = failBeforeAccepting.next();
        if (failure.isPresent()) {
            return AcsErrors.injected(failure.getAsInt());
        }
        JsonNode body = request.json();
        String from = body.path("from").asText(null);
        String message = body.path("message").asText(null);
        JsonNode recipients = body.path("smsRecipients");
        if (from == null || message == null || !recipients.isArray() || recipients.isEmpty()) {
            return AcsErrors.error(400, "BadRequest", "from, message and at least one of smsRecipients are required.");
        }
        String tag = body.path("smsSendOptions").path("tag").asText(null);
        boolean deliveryReport = body.path("smsSendOptions").path("enableDeliveryReport").asBoolean(false);
        String headerRequestId = request.header("Repeatability-Request-ID");

        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            JsonNode recipient = recipients.get(i);
            String to = recipient.path("to").asText("");
            String requestId = recipient.path("repeatabilityRequestId").asText(
                    headerRequestId == null ? null : headerRequestId + "#" + i);
            Map<String, Object> earlier = requestId == null ? null : resultsByRepeatabilityId.get(requestId);
            Map<String, Object> result = earlier != null ? earlier : newResult(to);
            if (earlier == null && requestId != null) {
                resultsByRepeatabilityId.put(requestId, result);
            }
            results.add(result);
            sent.add(new SentSms(request.receivedAt(), from, to, message, (String) result.get("messageId"), requestId, tag,
                    deliveryReport, earlier != null, (Integer) result.get("httpStatusCode")));
        }
        OptionalInt lateFailure = failAfterAccepting.next();
        if (lateFailure.isPresent()) {
            return AcsErrors.injected(lateFailure.getAsInt());
        }
        return StandInResponse.json(202, Map.of("value", results));
    }

    private static Map<String, Object> newResult(String to) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("to", to);
        if (E164.matcher(to).matches()) {
            result.put("messageId", "Outgoing_" + MESSAGE_ID_TIME.format(Instant.now()) + "_" + RandomIds.uuid().replace("-", ""));
            result.put("httpStatusCode", 202);
            result.put("repeatabilityResult", "accepted");
            result.put("successful", true);
        } else {
            result.put("httpStatusCode", 400);
            result.put("repeatabilityResult", "accepted");
            result.put("successful", false);
            result.put("errorMessage", "Invalid To phone number format.");
        }
        return Map.copyOf(result);
    }
}
