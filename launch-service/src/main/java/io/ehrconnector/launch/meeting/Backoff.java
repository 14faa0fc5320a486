package io.ehrconnector.launch.meeting;

import java.time.Duration;

/** Waits before retrying Graph work that failed: doubling after each failure in a row, from {@code first} up to {@code max}. */
public record Backoff(Duration first, Duration max) {

    public Duration after(int failuresInARow) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(failuresInARow, 1) - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
