package io.ehrconnector.support.events;

import io.ehrconnector.events.MalformedEventException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void transientFailuresAreRetriedUntilTheWorkSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        ConsumerFailures.guard("test-consumer", () -> attempts.incrementAndGet() < 3
                ? Uni.createFrom().failure(new IllegalStateException("connection refused"))
                : Uni.createFrom().voidItem()).await().atMost(WAIT);
        assertEquals(3, attempts.get());
    }

    @Test
    void malformedRecordsFailAtOnceWithTheirOwnReason() {
        AtomicInteger attempts = new AtomicInteger();
        MalformedEventException malformed = new MalformedEventException("missing CloudEvents attribute 'id'");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ConsumerFailures.guard("test-consumer", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(malformed);
        }).await().atMost(WAIT));
        assertSame(malformed, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void exhaustedRetriesReportNoDataFromTheOriginalFailure() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ConsumerFailures.guard("test-consumer", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException(
                    "duplicate key value violates unique constraint: Key (phone)=(+13125550123) already exists"));
        }).await().atMost(WAIT));
        assertEquals(ConsumerFailures.ATTEMPTS, attempts.get());
        assertTrue(thrown instanceof ConsumerFailures.EventProcessingException, thrown.toString());
        assertFalse(thrown.getMessage().contains("5550123"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("java.lang.IllegalStateException"), thrown.getMessage());
        assertNull(thrown.getCause());
    }
}
