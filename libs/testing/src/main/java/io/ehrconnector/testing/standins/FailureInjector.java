package io.ehrconnector.testing.standins;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Makes a stand-in fail on purpose, for retry and circuit-breaker tests: either for a span of time (an outage) or for
 * the next N requests it is asked about. The stand-in decides which requests count and what a failure looks like.
 */
final class FailureInjector {

    private Instant outageUntil = Instant.MIN;
    private int outageStatus;
    private int remainingFailures;
    private int failureStatus;

    synchronized void failFor(Duration duration, int status) {
        outageUntil = Instant.now().plus(duration);
        outageStatus = status;
    }

    synchronized void failNext(int count, int status) {
        remainingFailures = count;
        failureStatus = status;
    }

    synchronized void clear() {
        outageUntil = Instant.MIN;
        remainingFailures = 0;
    }

    /** The status to fail this request with, or empty to serve it normally. Consumes one counted failure. */
    synchronized OptionalInt next() {
        if (Instant.now().isBefore(outageUntil)) {
            return OptionalInt.of(outageStatus);
        }
        if (remainingFailures > 0) {
            remainingFailures--;
            return OptionalInt.of(failureStatus);
        }
        return OptionalInt.empty();
    }

    /** Seconds until the current outage ends (at least 1), for a Retry-After header. */
    synchronized long retryAfterSeconds() {
        long seconds = Duration.between(Instant.now(), outageUntil).toSeconds();
        return Math.max(1, seconds);
    }
}
