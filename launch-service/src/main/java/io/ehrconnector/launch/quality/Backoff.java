package io.ehrconnector.launch.quality;

import java.time.Duration;

/** Waits that double after each failure in a row, from {@code first} up to {@code max}. */
record Backoff(Duration first, Duration max) {

    Duration after(int failuresInARow) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(failuresInARow, 1) - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
