package io.ehrconnector.localstack;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.ehrconnector.testing.MllpFrames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
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
            LoadGenerator.Workers mllp = () -> connection(stack.mllpPort());
            System.out.println("warming up for " + warmUp.toSeconds() + " s (the JIT on two shared cores) ...");
            LoadGenerator.closedLoop(connections, warmUp, mllp);

            LoadGenerator.Result max = LoadGenerator.closedLoop(connections, phase, mllp);
            System.out.printf(Locale.ROOT, "sustained: %.0f msg/s over %d connections (%d errors)%n", max.perSecond(),
                    connections, max.errors());
            LoadGenerator.Result offered = LoadGenerator.openLoop(connections, phase, rate, mllp);
            System.out.println("at " + rate + " msg/s offered: " + offered.summary("ACK"));
            LoadGenerator.Result light = LoadGenerator.openLoop(connections, phase, lightRate, mllp);
            System.out.println("at " + lightRate + " msg/s offered: " + light.summary("ACK"));
            ServiceMetrics.printMeans(service, "hl7_stage_seconds|hl7_ack_latency_seconds", "");
            System.out.printf(Locale.ROOT, "BENCH hl7-mllp msgs_per_s=%.0f ack_p50_ms_at_%d=%.2f ack_p99_ms_at_%d=%.2f"
                            + " parse_limit_msgs_per_s=%.0f ratio_to_parse=%.2f ack_p99_ms_at_%d=%.2f connections=%d"
                            + " errors=%d%n",
                    max.perSecond(), rate, offered.percentileMs(50), rate, offered.percentileMs(99), parseLimit,
                    max.perSecond() / parseLimit, lightRate, light.percentileMs(99), connections,
                    max.errors() + offered.errors() + light.errors());
        }
    }

    /** One MLLP connection: sends the next message, reads its ACK. */
    private static LoadGenerator.Worker connection(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        return new LoadGenerator.Worker() {
            @Override
            public boolean send() throws IOException {
                String control = RUN + "-" + NEXT.incrementAndGet();
                out.write(MllpFrames.frame(Hl7BenchStack.message(control)));
                out.flush();
                return MllpFrames.read(in).contains("MSA|AA|" + control);
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
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
}
