package io.ehrconnector.sms.acs;

import com.azure.communication.sms.models.SmsSendResult;
import com.azure.core.exception.HttpResponseException;
import io.ehrconnector.sms.acs.AcsSendResult.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies what the SMS SDK returned or threw. ACS's answers can quote the recipient (a per-recipient {@code to}, an error
 * message about the number), so nothing but the status and a code-shaped token ever leaves here.
 */
final class AcsOutcomes {

    /** ACS error codes are single words ({@code Denied}, {@code TooManyRequests}); anything else is not passed on. */
    private static final Pattern CODE_TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,100})\"");

    private AcsOutcomes() {
    }

    static AcsSendResult of(SmsSendResult result) {
        int status = result.getHttpStatusCode();
        if (result.isSuccessful() && result.getMessageId() != null) {
            return AcsSendResult.accepted(result.getMessageId(), status);
        }
        // A recipient ACS refuses with 400 is an invalid (or unreachable, e.g. landline) number; its errorMessage is prose
        // that may quote the number, so it is not kept.
        Kind kind = status == 400 ? Kind.INVALID_NUMBER : byStatus(status);
        return new AcsSendResult(kind, null, status, "Recipient" + status);
    }

    static AcsSendResult of(Throwable failure) {
        Throwable e = failure;
        while (e.getCause() != null && !(e instanceof HttpResponseException) && !(e instanceof IOException)
                && !(e instanceof TimeoutException)) {
            e = e.getCause();
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            return new AcsSendResult(byStatus(status), null, status, errorCode(http).orElse("Http" + status));
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return new AcsSendResult(Kind.RETRYABLE, null, 0, "Timeout");
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new AcsSendResult(Kind.RETRYABLE, null, 0, "IoFailure");
        }
        return new AcsSendResult(Kind.RETRYABLE, null, 0, e.getClass().getSimpleName());
    }

    static Kind byStatus(int status) {
        return status == 429 || status == 408 || status >= 500 ? Kind.RETRYABLE : Kind.REFUSED;
    }

    /** ACS's {@code error.code}, only when it has the shape of a code. */
    private static Optional<String> errorCode(HttpResponseException http) {
        Matcher code = ERROR_CODE.matcher(String.valueOf(http.getMessage()));
        return code.find() && CODE_TOKEN.matcher(code.group(1)).matches()
                ? Optional.of(code.group(1)) : Optional.empty();
    }
}
