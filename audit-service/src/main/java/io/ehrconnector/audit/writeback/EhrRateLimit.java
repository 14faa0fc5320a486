package io.ehrconnector.audit.writeback;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces this replica's writes to one FHIR base URL at least 1 / {@code ehr.write-back.rate-per-second} apart: each write
 * books the next free slot and waits for it. Per replica, so N replicas write at most N times the rate; it protects the EHR
 * from a backlog draining all at once after an outage.
 */
@ApplicationScoped
class EhrRateLimit {

    private final long intervalNanos;
    private final Map<String, Long> nextFree = new ConcurrentHashMap<>();

    @Inject
    EhrRateLimit(WriteBackSettings settings) {
        this(settings.ratePerSecond());
    }

    EhrRateLimit(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ehr.write-back.rate-per-second must be above 0");
        }
        this.intervalNanos = (long) (1_000_000_000L / ratePerSecond);
    }

    /** Completes when a write to {@code fhirBaseUrl} may start. */
    Uni<Void> permit(String fhirBaseUrl) {
        long now = System.nanoTime();
        long slot = nextFree.merge(fhirBaseUrl, now + intervalNanos,
                (booked, ignored) -> Math.max(booked, now) + intervalNanos) - intervalNanos;
        long wait = slot - now;
        return wait <= 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait));
    }
}
