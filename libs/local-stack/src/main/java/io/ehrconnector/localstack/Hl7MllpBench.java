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
 * a fixed rate (default 1,000 msg/s) open-loop and measures each ACK's latency from the moment its message was due, so a
 * stall counts for every message it delays (coordinated omission corrected). Also measures HAPI's bare parse + ACK rate on
 * one thread in this JVM, the ratio's denominator. Settings: -Dconnections=8 -Dseconds=20 -Drate=1000.
 */
public final class Hl7MllpBench {

    private static final String S12 = String.join("\r",
            "MSH|^~\\&|EPIC|NWH|TEAMS|NWH|20261122101500||SIU^S12^SIU_S12|%s|P|2.5.1",
            "SCH|1111^EPIC|%s^EPIC|||||Video visit||30|min|^^30^20261201093000-0600^20261201100000-0600|||||E1234^Doe^Jane||||||||||Booked",
            "PID|1||Z99887^^^EPIC^MRN||Sample^Patient||19800101|F|||||^PRN^PH^^1^608^5550101~^ORN^CP^^1^608^5550102||SPA",
            "PV1|1|O|DEPT100||||||||||||||||%s",
            "RGS|1",
            "AIL|1||DEPT100",
            "AIP|1||E1234^Doe^Jane");

    private static final AtomicLong NEXT = new AtomicLong();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Hl7MllpBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int connections = Integer.getInteger("connections", 8);
        Duration phase = Duration.ofSeconds(Integer.getInteger("seconds", 20));
        int rate = Integer.getInteger("rate", 1000);
        Path work = Files.createTempDirectory("ehr-bench-hl7-mllp");

        double parseLimit = bareParseAndAck(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "HAPI parse + ACK, one thread: %.0f msg/s%n", parseLimit);

        try (PostgresServer postgres = PostgresServer.startEmbedded(FreePorts.next());
             KafkaBroker kafka = KafkaBroker.start(FreePorts.next())) {
            postgres.recreateDatabase(SuiteService.HL7_INGEST.database());
            String configurationId = UUID.randomUUID().toString();
            approve(kafka, configurationId);
            int mllpPort = FreePorts.next();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(SuiteService.HL7_INGEST.database()));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(SuiteService.HL7_INGEST.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            env.put("EHR_HL7_MLLP_PORT", Integer.toString(mllpPort));
            env.put("EHR_HL7_MLLP_PLAIN_CONFIGURATION_ID", configurationId);
            env.put("EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID", "bench");
            env.put("EHR_PHONE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(new byte[32]));
            try (ServiceProcess service = ServiceProcess.start(SuiteService.HL7_INGEST, root, FreePorts.next(), env, work,
                    List.of("-Xmx512m", "-XX:+UseParallelGC"))) {
                awaitAccepting(service, mllpPort);
                System.out.println("warming up for 20 s ...");
                closedLoop(mllpPort, connections, Duration.ofSeconds(20));

                Result max = closedLoop(mllpPort, connections, phase);
                System.out.printf(Locale.ROOT, "sustained: %.0f msg/s over %d connections (%d errors)%n", max.perSecond(),
                        connections, max.errors());
                Result offered = openLoop(mllpPort, connections, phase, rate);
                System.out.printf(Locale.ROOT, "at %d msg/s offered: %.0f msg/s, ACK p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                                + " (%d errors)%n", rate, offered.perSecond(), ms(offered.latency().getValueAtPercentile(50)),
                        ms(offered.latency().getValueAtPercentile(99)), ms(offered.latency().getMaxValue()),
                        offered.errors());
                printStageTimes(service);
                System.out.printf(Locale.ROOT, "BENCH hl7-mllp msgs_per_s=%.0f ack_p50_ms_at_%d=%.2f ack_p99_ms_at_%d=%.2f"
                                + " parse_limit_msgs_per_s=%.0f ratio_to_parse=%.2f connections=%d errors=%d%n",
                        max.perSecond(), rate, ms(offered.latency().getValueAtPercentile(50)), rate,
                        ms(offered.latency().getValueAtPercentile(99)), parseLimit, max.perSecond() / parseLimit,
                        connections, max.errors() + offered.errors());
            }
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
                out.write(MllpFrames.frame(String.format(S12, control, "A" + id, RUN + id)));
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

    private static void approve(KafkaBroker kafka, String configurationId) {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(configurationId, UUID.randomUUID().toString(),
                ConfigurationSnapshot.Environment.TEST, "https://ehr.example.org/bench/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, 1, "Bench Health", "America/Chicago", null, List.of(),
                OffsetDateTime.now(ZoneOffset.UTC));
        try (KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
            client.send(configurationId, CloudEvent.of(EventType.CONFIGURATION_PUBLISHED,
                    CloudEvent.serviceSource("config-service"), configurationId, OffsetDateTime.now(ZoneOffset.UTC), snapshot));
        }
    }

    /** Waits until the service is ready and has learnt the configuration (a probe message is acknowledged AA). */
    private static void awaitAccepting(ServiceProcess service, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("hl7-ingest-service exited; see " + service.log());
            }
            if (service.isReady()) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(10_000);
                    String control = RUN + "-probe-" + NEXT.incrementAndGet();
                    socket.getOutputStream().write(MllpFrames.frame(String.format(S12, control, "probe", control)));
                    String answer = MllpFrames.read(socket.getInputStream());
                    if (answer.contains("MSA|AA|")) {
                        return;
                    }
                    System.out.println("not accepting yet: " + answer.replace('\r', ' '));
                } catch (IOException e) {
                    System.out.println("not accepting yet: " + e);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("hl7-ingest-service did not accept messages within 120 s; see " + service.log());
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
        Message message = parser.parse(String.format(S12, "P" + id, "A" + id, "V" + id));
        if (message.generateACK().encode().isEmpty()) {
            throw new IllegalStateException("empty ACK");
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
