package io.ehrconnector.localstack;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Load from N workers (a connection each, on a thread of its own): closed loop, where a worker sends its next request when
 * the answer to the last one came; or open loop at a fixed total rate, each worker on its own schedule, with every latency
 * measured from the moment its request was due, so a stall counts for every request it delays (coordinated omission
 * corrected). A worker behind schedule sends what is due at once, past the end if need be.
 */
final class LoadGenerator {

    private static final long HIGHEST_NANOS = 60_000_000_000L;

    /** One connection: sends one request and waits for its answer. */
    interface Worker extends AutoCloseable {

        /** True when the answer was the expected one; false counts as an error (its latency is not recorded). */
        boolean send() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Opens the worker of one connection. */
    @FunctionalInterface
    interface Workers {
        Worker open() throws Exception;
    }

    /** Answers per second over the time it really took, the latency of the expected answers, and the errors. */
    record Result(double perSecond, Histogram latency, long errors) {

        double percentileMs(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMs() {
            return latency.getMaxValue() / 1e6;
        }

        /** E.g. "998/s, ACK p50 0.85 ms, p99 7.14 ms, max 20.31 ms (0 errors)". */
        String summary(String what) {
            return String.format(Locale.ROOT, "%.0f/s, %s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d errors)", perSecond, what,
                    percentileMs(50), percentileMs(99), maxMs(), errors);
        }
    }

    private LoadGenerator() {
    }

    static Result closedLoop(int workers, Duration length, Workers factory) throws Exception {
        return run(workers, length, 0, factory);
    }

    static Result openLoop(int workers, Duration length, int perSecond, Workers factory) throws Exception {
        return run(workers, length, perSecond, factory);
    }

    private static Result run(int workers, Duration length, int perSecond, Workers factory) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Result>> results = new ArrayList<>();
            long start = System.nanoTime() + 50_000_000L;
            long end = start + length.toNanos();
            long interval = perSecond == 0 ? 0 : workers * 1_000_000_000L / perSecond;
            for (int w = 0; w < workers; w++) {
                long first = start + interval * w / workers;
                results.add(threads.submit(() -> worker(factory, first, end, interval)));
            }
            Histogram all = new Histogram(HIGHEST_NANOS, 3);
            long answered = 0;
            long errors = 0;
            for (Future<Result> f : results) {
                Result r = f.get();
                all.add(r.latency());
                answered += r.latency().getTotalCount();
                errors += r.errors();
            }
            double seconds = Math.max(length.toNanos(), System.nanoTime() - start) / 1e9;
            return new Result(answered / seconds, all, errors);
        } finally {
            threads.shutdown();
        }
    }

    /** One worker's loop; {@code intervalNanos} 0 for closed loop. */
    private static Result worker(Workers factory, long start, long end, long intervalNanos) throws Exception {
        Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        long errors = 0;
        try (Worker worker = factory.open()) {
            long due = start;
            while (true) {
                long now = System.nanoTime();
                if (intervalNanos == 0) {
                    due = now;
                } else {
                    while (now < due) {
                        long wait = due - now;
                        if (wait > 200_000) {
                            LockSupport.parkNanos(wait - 100_000);
                        }
                        now = System.nanoTime();
                    }
                }
                if (due >= end) {
                    break;
                }
                if (worker.send()) {
                    latency.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, System.nanoTime() - due)));
                } else {
                    errors++;
                }
                due += intervalNanos;
            }
        }
        return new Result(0, latency, errors);
    }
}
