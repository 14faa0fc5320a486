package io.ehrconnector.audit.writeback;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes to one FHIR base URL are spaced by the rate; another base URL has its own slots. */
class EhrRateLimitTest {

    @Test
    void permitsToOneEhrAreSpacedByTheRateAndOtherEhrsAreNotHeldUp() {
        EhrRateLimit limit = new EhrRateLimit(20);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            limit.permit("https://a.example/api/FHIR/R4").await().atMost(Duration.ofSeconds(5));
        }
        Duration fiveToA = Duration.ofNanos(System.nanoTime() - start);

        long other = System.nanoTime();
        limit.permit("https://b.example/api/FHIR/R4").await().atMost(Duration.ofSeconds(5));
        Duration firstToB = Duration.ofNanos(System.nanoTime() - other);

        assertTrue(fiveToA.toMillis() >= 190, "five writes at 20/s span at least 200 ms (4 gaps): " + fiveToA);
        assertTrue(firstToB.toMillis() < 40, "another EHR's first write waits for nothing: " + firstToB);
    }
}
