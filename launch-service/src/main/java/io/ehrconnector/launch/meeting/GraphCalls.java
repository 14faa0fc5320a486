package io.ehrconnector.launch.meeting;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the Graph SDK's blocking calls (token and request) on a small pool of their own: never on an event loop, and not on
 * the shared worker pool, which an unresponsive Graph would otherwise fill for every other blocking task. A call gets
 * {@code ehr.graph.timeout}; when the pool and its queue are full, a call fails at once instead of waiting. The outcome is
 * delivered on the caller's Vert.x context, so the caller can go on with its reactive database session.
 */
@ApplicationScoped
public class GraphCalls {

    // New meetings are one per appointment, so a handful of threads covers a clinic's morning rush; the queue absorbs a burst.
    private static final int THREADS = 8;
    private static final int QUEUED = 64;

    private final ThreadPoolExecutor executor;
    private final Duration timeout;

    @Inject
    GraphCalls(GraphSettings settings) {
        this(settings.timeout(), THREADS, QUEUED);
    }

    GraphCalls(Duration timeout, int threads, int queued) {
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queued),
                Thread.ofPlatform().name("graph-call-", 0).daemon().factory());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code blocking} on the pool. Fails with Mutiny's {@code TimeoutException} after the timeout (the call itself is
     * bounded by the HTTP clients' own timeouts) and with {@code RejectedExecutionException} when the pool is saturated.
     */
    public <T> Uni<T> run(Supplier<T> blocking) {
        Context caller = Vertx.currentContext();
        Uni<T> result = Uni.createFrom().item(blocking).runSubscriptionOn(executor).ifNoItem().after(timeout).fail();
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
