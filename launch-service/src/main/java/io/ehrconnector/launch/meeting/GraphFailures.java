package io.ehrconnector.launch.meeting;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.ehrconnector.support.Failures;
import io.smallrye.mutiny.TimeoutException;

import java.util.concurrent.RejectedExecutionException;

/**
 * What went wrong in a Graph call, safe to log: Graph's error bodies and exception messages may quote ids and request data,
 * so only the HTTP status and Graph's error code are kept.
 */
public final class GraphFailures {

    private GraphFailures() {
    }

    /** E.g. {@code HTTP 403 Forbidden}, {@code timeout}, or the exception classes. */
    public static String reason(Throwable failure) {
        return switch (failure) {
            case ODataError error -> "HTTP " + error.getResponseStatusCode()
                    + (error.getError() != null && error.getError().getCode() != null ? " " + safe(error.getError().getCode()) : "");
            case ApiException error -> "HTTP " + error.getResponseStatusCode();
            case TimeoutException timeout -> "timeout";
            case RejectedExecutionException busy -> "too many Graph calls waiting";
            default -> Failures.classChain(failure);
        };
    }

    /** {@link #reason}, cut to what a {@code last_error} column keeps. */
    public static String storedReason(Throwable failure) {
        String reason = reason(failure);
        return reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    /** The HTTP status Graph answered, or 0 when the call failed before an answer. */
    public static int status(Throwable failure) {
        return failure instanceof ApiException error ? error.getResponseStatusCode() : 0;
    }

    /** Graph error codes are words like {@code ServiceNotAvailable}; anything else is not repeated. */
    private static String safe(String code) {
        return code.matches("[A-Za-z0-9_.]{1,64}") ? code : "(unreadable error code)";
    }
}
