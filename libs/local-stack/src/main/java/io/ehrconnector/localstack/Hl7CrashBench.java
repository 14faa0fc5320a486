package io.ehrconnector.localstack;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run.sh hl7-crash}: N senders replay {@code -Dmessages=100000} distinct S12s over MLLP while hl7-ingest-service
 * is killed with SIGKILL every 7 to 15 seconds and started again. Each sender sends its next message only after the AA of the
 * previous one, and resends a message whose ACK did not come (connection reset, timeout) until it is acknowledged: an
 * interface engine's behaviour. Afterwards the appointments topic is read from the beginning:
 * {@code missing} counts acknowledged control ids without an event (must be 0), {@code duplicates} counts control ids with
 * more than one distinct event id (must be 0: consumers deduplicating by event id see each appointment message once), and
 * {@code copies} counts records beyond the first of an event id (a resend of a message whose AA was lost in a crash).
 * Settings: -Dmessages=100000 -Dconnections=4 -DminKillSeconds=7 -DmaxKillSeconds=15.
 */
public final class Hl7CrashBench {

    private Hl7CrashBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int messages = Integer.getInteger("messages", 100_000);
        int connections = Integer.getInteger("connections", 4);
        int minKill = Integer.getInteger("minKillSeconds", 7);
        int maxKill = Integer.getInteger("maxKillSeconds", 15);
        String run = Long.toString(System.currentTimeMillis(), 36);

        try (Hl7BenchStack stack = Hl7BenchStack.start(root)) {
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicLong resends = new AtomicLong();
            AtomicInteger next = new AtomicInteger();
            ServiceProcess[] service = {stack.startService()};
            long started = System.nanoTime();

            ExecutorService senders = Executors.newFixedThreadPool(connections);
            List<Future<?>> sending = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                sending.add(senders.submit(() -> {
                    send(stack.mllpPort(), run, messages, next, acked, resends);
                    return null;
                }));
            }
            int kills = 0;
            while (sending.stream().anyMatch(f -> !f.isDone())) {
                long wait = ThreadLocalRandom.current().nextLong(minKill * 1000L, maxKill * 1000L + 1);
                long until = System.currentTimeMillis() + wait;
                while (System.currentTimeMillis() < until && sending.stream().anyMatch(f -> !f.isDone())) {
                    Thread.sleep(100);
                }
                if (sending.stream().allMatch(Future::isDone)) {
                    break;
                }
                service[0].kill();
                kills++;
                System.out.printf(Locale.ROOT, "SIGKILL #%d after %d acknowledged; restarting%n", kills, acked.size());
                service[0] = stack.startService();
            }
            for (Future<?> f : sending) {
                f.get();
            }
            senders.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            service[0].close();

            Tally tally;
            try (KafkaTestClient kafka = stack.kafkaClient()) {
                tally = tally(kafka.readAll(Topics.APPOINTMENTS, Duration.ofMinutes(5)), run);
            }
            long missing = acked.stream().filter(id -> !tally.eventIdsByControlId().containsKey(id)).count();
            long duplicates = tally.eventIdsByControlId().values().stream().filter(ids -> ids.size() > 1).count();
            System.out.printf(Locale.ROOT, "%d messages acknowledged in %.0f s through %d kills (%d resends after a lost"
                            + " ACK); topic: %d records, %d distinct events%n", acked.size(), seconds, kills, resends.get(),
                    tally.records(), tally.distinctEvents());
            System.out.printf(Locale.ROOT, "BENCH hl7-crash acked=%d missing=%d duplicates=%d copies=%d kills=%d"
                            + " resends=%d%n", acked.size(), missing, duplicates, tally.records() - tally.distinctEvents(),
                    kills, resends.get());
        }
    }

    /** One interface engine connection: next message after each AA; anything else, reconnect and resend. */
    private static void send(int port, String run, int messages, AtomicInteger next, Set<String> acked, AtomicLong resends)
            throws InterruptedException {
        Socket socket = null;
        int id = next.getAndIncrement();
        boolean resend = false;
        while (id < messages) {
            String control = run + "-" + id;
            try {
                if (socket == null) {
                    socket = new Socket("127.0.0.1", port);
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(15_000);
                }
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(MllpFrames.frame(Hl7BenchStack.message(control)));
                out.flush();
                String ack = MllpFrames.read(in);
                if (ack.contains("MSA|AA|" + control + "\r") || ack.endsWith("MSA|AA|" + control)) {
                    acked.add(control);
                    id = next.getAndIncrement();
                    resend = false;
                    continue;
                }
                // AE/AR (e.g. "not durable now; resend"): the engine resends after a pause.
                Thread.sleep(100);
            } catch (IOException e) {
                closeQuietly(socket);
                socket = null;
                Thread.sleep(200);
            }
            if (!resend) {
                resends.incrementAndGet();
                resend = true;
            }
        }
        closeQuietly(socket);
    }

    private record Tally(Map<String, Set<String>> eventIdsByControlId, long records, long distinctEvents) {
    }

    private static Tally tally(List<ConsumerRecord<String, String>> records, String run) {
        Map<String, Set<String>> byControlId = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        long counted = 0;
        for (ConsumerRecord<String, String> record : records) {
            CloudEvent<AppointmentEvent> event = CloudEventCodec.fromJson(record.value(), AppointmentEvent.class);
            String control = event.data().sourceMessageControlId();
            if (control == null || !control.startsWith(run + "-")) {
                continue; // the probes
            }
            counted++;
            eventIds.add(event.id());
            byControlId.computeIfAbsent(control, k -> new HashSet<>()).add(event.id());
        }
        return new Tally(byControlId, counted, eventIds.size());
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }
}
