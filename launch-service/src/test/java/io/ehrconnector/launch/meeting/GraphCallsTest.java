package io.ehrconnector.launch.meeting;

import io.smallrye.mutiny.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphCallsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final GraphCalls calls = new GraphCalls(Duration.ofMillis(300), 1, 1);

    @AfterEach
    void stop() {
        release.countDown();
        calls.stop();
    }

    @Test
    void callsRunOnTheirOwnThreads() {
        String caller = Thread.currentThread().getName();
        String worker = calls.run(() -> Thread.currentThread().getName()).await().atMost(Duration.ofSeconds(5));
        assertNotEquals(caller, worker);
        assertTrue(worker.startsWith("graph-call-"), worker);
    }

    @Test
    void aCallThatOutlastsTheTimeoutFails() {
        long started = System.nanoTime();
        assertThrows(TimeoutException.class, () -> calls.run(this::blockUntilReleased).await().atMost(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void whenThePoolAndItsQueueAreFullACallFailsAtOnce() {
        calls.run(this::blockUntilReleased).subscribe().with(ignored -> { }, ignored -> { });
        calls.run(this::blockUntilReleased).subscribe().with(ignored -> { }, ignored -> { });

        assertThrows(RejectedExecutionException.class, () -> calls.run(() -> "third").await().atMost(Duration.ofSeconds(5)));

        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> calls.run(() -> "later").await().atMost(Duration.ofSeconds(1)), "later"::equals);
    }

    private String blockUntilReleased() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "released";
    }
}
