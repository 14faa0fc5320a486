package io.ehrconnector.localstack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run.sh launch}: launch-service as packaged (its own JVM) with a real PostgreSQL and Kafka broker on this
 * machine and the Epic, Entra ID and Graph stand-ins in this JVM ({@link LaunchBenchStack}). After a warm-up, two open-loop
 * phases, each request's latency measured from when it was due (coordinated omission corrected):
 * <ol>
 *   <li>Epic opening the launch URL, {@code /launch/test/patient?iss=...&launch=...} (the configuration looked up, the launch
 *       stored, the page that posts to Epic's authorize endpoint), at 500 requests/s;</li>
 *   <li>Epic's redirect back, {@code /launch/callback}, at 200 requests/s, each for a launch prepared before the phase
 *       (launch, authorize at the EHR stand-in, code): the code exchanged with the signed client assertion, the id_token
 *       verified, a new visit's Teams meeting made through Graph (createOrGet and the options PATCH), the VisitLaunched
 *       outbox row, a 303 into the meeting;</li>
 *   <li>the same at a light rate, 100 requests/s.</li>
 * </ol>
 * Any other answer counts as an error. First measures this machine's ES384 signing rate on one thread, the work a callback
 * cannot avoid, to tell a slow day from slow code. Settings: -Dseconds=20 -DlaunchRate=500 -DcallbackRate=200
 * -DlightCallbackRate=100 -Dconnections=32 -Dwarmup=30; -DserviceJvmOptions=... for the service's JVM (e.g. a JFR recording).
 */
public final class LaunchBench {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong VISITS = new AtomicLong();
    private static final int PREPARING_THREADS = 8;
    private static final int ERRORS_SHOWN = 3;
    private static final AtomicInteger SHOWN = new AtomicInteger();

    private LaunchBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Duration phase = Duration.ofSeconds(Integer.getInteger("seconds", 20));
        int launchRate = Integer.getInteger("launchRate", 500);
        int callbackRate = Integer.getInteger("callbackRate", 200);
        int lightCallbackRate = Integer.getInteger("lightCallbackRate", 100);
        int connections = Integer.getInteger("connections", 32);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("warmup", 30));
        double signatures = SigningGauge.es384PerSecond(Duration.ofSeconds(3));
        System.out.printf(Locale.ROOT, "ES384 signatures, one thread, nothing else running: %.0f/s%n", signatures);

        try (LaunchBenchStack stack = LaunchBenchStack.start(root); ServiceProcess service = stack.startService()) {
            LaunchBrowser browser = stack.browser();
            // The launch page never looks the launch token up, and these launches are never completed: one token serves all.
            String launchToken = stack.registerPatientLaunch(RUN + "-launch-page");
            LoadGenerator.Workers launches = () -> () -> {
                try {
                    return browser.open(launchToken).statusCode() == 200 || shown("the launch page did not answer 200");
                } catch (IOException e) {
                    return shown(e.toString());
                }
            };

            System.out.println("warming up for 2 x " + warmUp.toSeconds() + " s (the JIT on two shared cores) ...");
            LoadGenerator.openLoop(connections, warmUp, launchRate, launches);
            LoadGenerator.openLoop(connections, warmUp, callbackRate,
                    callbacks(browser, prepare(stack, browser, count(warmUp, callbackRate, connections))));

            CpuTime cpu = new CpuTime(service);
            LoadGenerator.Result launch = LoadGenerator.openLoop(connections, phase, launchRate, launches);
            System.out.println("/launch at " + launchRate + "/s offered: " + launch.summary("latency") + "; "
                    + cpu.perRequest(launch));
            LoadGenerator.Result callback = callbackPhase(stack, browser, service, connections, phase, callbackRate);
            LoadGenerator.Result light = callbackPhase(stack, browser, service, connections, phase, lightCallbackRate);
            // Over the whole run, warm-up included; Micrometer files the callback's 303s under uri="REDIRECTION".
            ServiceMetrics.printMeans(service, "http_server_requests_seconds", "uri=\"(/launch/|REDIRECTION)");
            ServiceMetrics.printMeans(service, "jvm_gc_pause_seconds", "");

            System.out.printf(Locale.ROOT, "BENCH launch launch_p99_ms=%.2f callback_p99_ms=%.2f errors=%d"
                            + " launch_p50_ms=%.2f callback_p50_ms=%.2f launch_per_s=%.0f callback_per_s=%.0f"
                            + " callback_p50_ms_at_%d=%.2f callback_p99_ms_at_%d=%.2f es384_signs_per_s=%.0f%n",
                    launch.percentileMs(99), callback.percentileMs(99),
                    launch.errors() + callback.errors() + light.errors(), launch.percentileMs(50),
                    callback.percentileMs(50), launch.perSecond(), callback.perSecond(), lightCallbackRate,
                    light.percentileMs(50), lightCallbackRate, light.percentileMs(99), signatures);
        }
    }

    /** Launches prepared for a phase of callbacks at {@code rate}, then the phase. */
    private static LoadGenerator.Result callbackPhase(LaunchBenchStack stack, LaunchBrowser browser, ServiceProcess service,
                                                      int connections, Duration length, int rate) throws Exception {
        Queue<LaunchBrowser.Callback> prepared = prepare(stack, browser, count(length, rate, connections));
        CpuTime cpu = new CpuTime(service);
        LoadGenerator.Result result = LoadGenerator.openLoop(connections, length, rate, callbacks(browser, prepared));
        System.out.println("/launch/callback at " + rate + "/s offered: " + result.summary("latency") + "; "
                + cpu.perRequest(result));
        return result;
    }

    /** What an open-loop phase of {@code length} at {@code rate} sends, and one more per worker. */
    private static int count(Duration length, int rate, int connections) {
        return (int) (length.toSeconds() * rate) + connections;
    }

    /** {@code count} launches of new visits taken up to Epic's redirect back, in parallel. */
    private static Queue<LaunchBrowser.Callback> prepare(LaunchBenchStack stack, LaunchBrowser browser, int count)
            throws Exception {
        long started = System.nanoTime();
        Queue<LaunchBrowser.Callback> prepared = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(PREPARING_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                done.add(threads.submit(() -> prepared.add(browser.authorize(
                        stack.registerPatientLaunch(RUN + "-visit-" + VISITS.incrementAndGet())))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        System.out.printf(Locale.ROOT, "prepared %d launches in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        return prepared;
    }

    /** Workers that each take the next prepared launch and follow Epic's redirect back into the meeting. */
    private static LoadGenerator.Workers callbacks(LaunchBrowser browser, Queue<LaunchBrowser.Callback> prepared) {
        return () -> () -> {
            LaunchBrowser.Callback next = prepared.poll();
            if (next == null) {
                return shown("no prepared launch left");
            }
            HttpResponse<String> answer;
            try {
                answer = browser.callback(next);
            } catch (IOException e) {
                return shown(e.toString());
            }
            String notJoined = LaunchBenchStack.notJoined(answer);
            return notJoined == null || shown(notJoined);
        };
    }

    /** Prints the first few errors of the run; always false (the request failed). */
    private static boolean shown(String error) {
        if (SHOWN.incrementAndGet() <= ERRORS_SHOWN) {
            System.out.println("  error: " + error);
        }
        return false;
    }

    /** CPU time from now on, of the service's JVM and of this one (load generator, stand-ins, Kafka broker). */
    private static final class CpuTime {

        private final ProcessHandle service;
        private final long started = System.nanoTime();
        private final Duration serviceStart;
        private final Duration benchStart;

        CpuTime(ServiceProcess service) {
            this.service = ProcessHandle.of(service.pid()).orElseThrow();
            this.serviceStart = cpu(this.service);
            this.benchStart = cpu(ProcessHandle.current());
        }

        /** E.g. "service 0.91 cores, 4.55 ms CPU per request; this JVM (load, stand-ins, broker) 0.80 cores". */
        String perRequest(LoadGenerator.Result phase) {
            double wall = System.nanoTime() - started;
            long requests = Math.max(1, phase.latency().getTotalCount() + phase.errors());
            double serviceCpu = cpu(service).minus(serviceStart).toNanos();
            double benchCpu = cpu(ProcessHandle.current()).minus(benchStart).toNanos();
            return String.format(Locale.ROOT, "service %.2f cores, %.2f ms CPU per request; this JVM (load, stand-ins,"
                    + " broker) %.2f cores", serviceCpu / wall, serviceCpu / 1e6 / requests, benchCpu / wall);
        }

        private static Duration cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }
}
