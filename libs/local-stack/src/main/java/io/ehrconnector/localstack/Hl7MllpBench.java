package io.ehrconnector.localstack;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaBroker;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;
import io.ehrconnector.testing.PostgresServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run.sh hl7-mllp}: hl7-ingest-service as packaged (its own JVM), with a real PostgreSQL and Kafka broker on this
 * machine, driven over MLLP by N connections. Phase 1 sends as fast as the ACKs come back (sustained msg/s); phase 2 offers
 * a fixed rate (default 1,000 msg/s) open-loop, phase 3 a light one (default 400 msg/s), and measures each ACK's latency from the moment its message was due, so a
 * stall counts for every message it delays (coordinated omission corrected). Also measures HAPI's bare parse + ACK rate on
 * one thread in this JVM, the ratio's denominator. Settings: -Dconnections=8 -Dseconds=20 -Drate=1000
 * -DlightRate=400 -Dwarmup=60.
 */
public final class Hl7MllpBench {

    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Hl7MllpBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int connections = Integer.getInteger("connections", 8);
        Duration phase = Duration.ofSeconds(Integer.getInteger("seconds", 20));
        int rate = Integer.getInteger("rate", 1000);
        int lightRate = Integer.getInteger("lightRate", 400);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("warmup", 60));
        double parseLimit = bareParseAndAck(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "HAPI parse + ACK, one thread: %.0f msg/s%n", parseLimit);

        try (Hl7BenchStack stack = Hl7BenchStack.start(root); ServiceProcess service = stack.startService()) {
            int mllpPort = stack.mllpPort();
            System.out.println("warming up for " + warmUp.toSeconds() + " s (the JIT on two shared cores) ...");
            closedLoop(mllpPort, connections, warmUp);

            Result max = closedLoop(mllpPort, connections, phase);
            System.out.printf(Locale.ROOT, "sustained: %.0f msg/s over %d connections (%d errors)%n", max.perSecond(),
                    connections, max.errors());
            Result offered = openLoop(mllpPort, connections, phase, rate);
            System.out.printf(Locale.ROOT, "at %d msg/s offered: %.0f msg/s, ACK p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                            + " (%d errors)%n", rate, offered.perSecond(), ms(offered.latency().getValueAtPercentile(50)),
                    ms(offered.latency().getValueAtPercentile(99)), ms(offered.latency().getMaxValue()),
                    offered.errors());
            Result light = openLoop(mllpPort, connections, phase, lightRate);
            System.out.printf(Locale.ROOT, "at %d msg/s offered: %.0f msg/s, ACK p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                            + " (%d errors)%n", lightRate, light.perSecond(), ms(light.latency().getValueAtPercentile(50)),
                    ms(light.latency().getValueAtPercentile(99)), ms(light.latency().getMaxValue()), light.errors());
            printStageTimes(service);
            System.out.printf(Locale.ROOT, "BENCH hl7-mllp msgs_per_s=%.0f ack_p50_ms_at_%d=%.2f ack_p99_ms_at_%d=%.2f"
                            + " parse_limit_msgs_per_s=%.0f ratio_to_parse=%.2f ack_p99_ms_at_%d=%.2f connections=%d"
                            + " errors=%d%n",
                    max.perSecond(), rate, ms(offered.latency().getValueAtPercentile(50)), rate,
                    ms(offered.latency().getValueAtPercentile(99)), parseLimit, max.perSecond() / parseLimit, lightRate,
                    ms(light.latency().getValueAtPercentile(99)), connections,
                    max.errors() + offered.errors() + light.errors());
        }
    }

    /** The service's own view (its Prometheus metrics): mean time per stage and per acknowledgement, in ms. */
    private static void printStageTimes(ServiceProcess service) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(service.baseUrl() + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String line : metrics.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^(hl7_stage_seconds|hl7_ack_latency_seconds)_(count|sum)(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(line);
            if (m.matches()) {
                String key = m.group(1) + (m.group(3) == null ? "" : m.group(3));
                double[] v = sums.computeIfAbsent(key, k -> new double[2]);
                v[m.group(2).equals("count") ? 0 : 1] = Double.parseDouble(m.group(4));
            }
        }
        sums.forEach((key, v) -> System.out.printf(Locale.ROOT, "  service %s: mean %.2f ms over %.0f%n", key,
                v[0] == 0 ? 0 : v[1] / v[0] * 1000, v[0]));
    }

    private record Result(double perSecond, Histogram latency, long errors) {
    }

    /** Every connection sends its next message as soon as the previous one is acknowledged. */
    private static Result closedLoop(int port, int connections, Duration length) throws Exception {
        return run(port, connections, length, 0);
    }

    /** Messages are due at a fixed total rate; latency runs from when each was due. */
    private static Result openLoop(int port, int connections, Duration length, int rate) throws Exception {
        return run(port, connections, length, rate);
    }

    private static Result run(int port, int connections, Duration length, int rate) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        List<Future<Result>> results = new ArrayList<>();
        long start = System.nanoTime() + 50_000_000L;
        long end = start + length.toNanos();
        long interval = rate == 0 ? 0 : connections * 1_000_000_000L / rate;
        for (int c = 0; c < connections; c++) {
            long first = start + interval * c / connections;
            results.add(threads.submit(() -> connection(port, first, end, interval)));
        }
        Histogram all = new Histogram(60_000_000_000L, 3);
        long acked = 0;
        long errors = 0;
        for (Future<Result> f : results) {
            Result r = f.get();
            all.add(r.latency());
            acked += r.latency().getTotalCount();
            errors += r.errors();
        }
        threads.shutdown();
        // Open loop behind schedule sends every due message, past the end: the rate is over the time it really took.
        double seconds = Math.max(length.toNanos(), System.nanoTime() - start) / 1e9;
        return new Result(acked / seconds, all, errors);
    }

    /** One MLLP connection; {@code intervalNanos} 0 for closed loop. */
    private static Result connection(int port, long start, long end, long intervalNanos) throws IOException {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        long errors = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long due = start;
            while (true) {
                long now = System.nanoTime();
                if (intervalNanos == 0) {
                    due = now;
                } else {
                    while (now < due) {
                        long wait = due - now;
                        if (wait > 200_000) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait - 100_000);
                        }
                        now = System.nanoTime();
                    }
                }
                if (due >= end) {
                    break;
                }
                long id = NEXT.incrementAndGet();
                String control = RUN + "-" + id;
                out.write(MllpFrames.frame(Hl7BenchStack.message(control)));
                out.flush();
                String ack = MllpFrames.read(in);
                long acked = System.nanoTime();
                if (!ack.contains("MSA|AA|" + control)) {
                    errors++;
                } else {
                    latency.recordValue(Math.max(1, acked - due));
                }
                if (intervalNanos != 0) {
                    due += intervalNanos;
                }
            }
        }
        return new Result(0, latency, errors);
    }

    /** HAPI alone: parse the same message and build its ACK, on one thread. */
    private static double bareParseAndAck(Duration length) throws Exception {
        try (HapiContext context = new DefaultHapiContext()) {
            context.setValidationContext(ValidationContextFactory.noValidation());
            PipeParser parser = context.getPipeParser();
            long warm = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warm) {
                parseAndAck(parser, NEXT.incrementAndGet());
            }
            long count = 0;
            long start = System.nanoTime();
            long end = start + length.toNanos();
            while (System.nanoTime() < end) {
                parseAndAck(parser, NEXT.incrementAndGet());
                count++;
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void parseAndAck(PipeParser parser, long id) throws Exception {
        Message message = parser.parse(Hl7BenchStack.message("P" + id));
        if (message.generateACK().encode().isEmpty()) {
            throw new IllegalStateException("empty ACK");
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
