package io.ehrconnector.audit.writeback;

import java.time.Duration;

/**
 * A write-back attempt that did not get through. {@code reason} is safe to store and log: an HTTP status, an OAuth error
 * code or exception classes, never a message or a body.
 *
 * @param retryAfter what the EHR asked for (Retry-After), or null
 * @param retryable  false when trying again cannot help (the EHR refused the resource)
 */
record WriteFailure(String reason, Duration retryAfter, boolean retryable) {

    static WriteFailure retry(String reason) {
        return new WriteFailure(reason, null, true);
    }

    static WriteFailure refused(String reason) {
        return new WriteFailure(reason, null, false);
    }
}
