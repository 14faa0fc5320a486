package io.ehrconnector.support.events;

import io.ehrconnector.events.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    void retriesRunOnTheCallersVertxContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            List<Context> contextsSeen = new CopyOnWriteArrayList<>();
            List<Thread> threadsSeen = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            context.runOnContext(ignored -> ConsumerFailures.guard("test-consumer", () -> {
                contextsSeen.add(Vertx.currentContext());
                threadsSeen.add(Thread.currentThread());
                return contextsSeen.size() < 3
                        ? Uni.createFrom().failure(new IllegalStateException("deadlock detected"))
                        : Uni.createFrom().voidItem();
            }).subscribe().with(done::complete, done::completeExceptionally));
            done.get(30, TimeUnit.SECONDS);
            assertEquals(3, contextsSeen.size());
            // Retries may run on a duplicate of the record's context (fresh local data), but on a Vert.x context and on the
            // same event-loop thread, which is what Hibernate Reactive requires.
            contextsSeen.forEach(seen -> assertNotNull(seen, "an attempt ran outside any Vert.x context"));
            threadsSeen.forEach(seen -> assertSame(threadsSeen.get(0), seen, "an attempt ran on another thread"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
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
