package io.ehrconnector.localstack;

import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.localstack.AuditBenchStack.WriteKey;
import io.ehrconnector.localstack.SmsRemindersBench.CpuTime;
import io.ehrconnector.testing.standins.FhirWrite;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/run.sh audit-writeback}: audit-service as packaged (one instance) against a real PostgreSQL and Kafka and the
 * EHR stand-in (FHIR over TLS, SMART Backend Services tokens for the connector's assertion) in this JVM.
 *
 * <p>Participant events are published open loop at {@code -Drate=500} a second for {@code -Dseconds=60} (after a
 * {@code -DwarmupSeconds=15} warm-up at the same rate, not counted), as launch-service publishes them: visits of a
 * provider and a patient, each joining and leaving, a block of {@code -Dvisits=100} visits at a time, so a visit's events
 * are 100 events apart and many visits are open at once. The per-EHR write limit is raised (EHR_WRITE_BACK_RATE_PER_SECOND)
 * so it is not what is measured. From the stand-in's records: writes per second from the first event to the last write,
 * the latency from each event's publication to the EHR's receipt of its AuditEvent (p50, p99, max), and errors (events
 * without a write, and second writes of one event).
 */
public final class AuditWritebackBench {

    private AuditWritebackBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rate = Integer.getInteger("rate", 500);
        int seconds = Integer.getInteger("seconds", 60);
        int warmupSeconds = Integer.getInteger("warmupSeconds", 15);
        int visitsPerBlock = Integer.getInteger("visits", 100);

        try (AuditBenchStack stack = AuditBenchStack.start(root)) {
            ServiceProcess service = stack.startService(Map.of("EHR_WRITE_BACK_RATE_PER_SECOND", "1000000"));
            System.out.printf(Locale.ROOT, "warm-up: %d events a second for %d s%n", rate, warmupSeconds);
            Map<WriteKey, Instant> warmup = publish(stack, "w", rate, warmupSeconds, visitsPerBlock);
            awaitWritten(stack, warmup.keySet(), Duration.ofMinutes(2));

            System.out.printf(Locale.ROOT, "measured: %d events a second for %d s%n", rate, seconds);
            CpuTime cpu = new CpuTime(service);
            Map<WriteKey, Instant> sent = publish(stack, "m", rate, seconds, visitsPerBlock);
            boolean complete = awaitWritten(stack, sent.keySet(), Duration.ofMinutes(2));
            String cpuSummary = cpu.since();

            Map<WriteKey, Integer> counts = AuditBenchStack.counts(stack.writes());
            Map<WriteKey, Instant> firstWrite = new HashMap<>();
            for (FhirWrite write : stack.writes()) {
                firstWrite.putIfAbsent(AuditBenchStack.keyOf(write), write.receivedAt());
            }
            List<Double> latenciesMs = new ArrayList<>();
            long missing = 0;
            long duplicates = 0;
            Instant lastWrite = null;
            for (Map.Entry<WriteKey, Instant> event : sent.entrySet()) {
                Instant written = firstWrite.get(event.getKey());
                if (written == null) {
                    missing++;
                    continue;
                }
                duplicates += counts.get(event.getKey()) - 1;
                latenciesMs.add(Duration.between(event.getValue(), written).toNanos() / 1e6);
                lastWrite = lastWrite == null || written.isAfter(lastWrite) ? written : lastWrite;
            }
            latenciesMs.sort(Double::compare);
            Instant firstSent = sent.values().stream().min(Instant::compareTo).orElseThrow();
            double perSecond = lastWrite == null ? 0
                    : latenciesMs.size() / (Duration.between(firstSent, lastWrite).toNanos() / 1e9);
            System.out.printf(Locale.ROOT, "  %d of %d events written%s, %.0f/s; event to EHR p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms; %d missing, %d duplicates; %s%n", latenciesMs.size(), sent.size(),
                    complete ? "" : " (gave up waiting)", perSecond, percentile(latenciesMs, 50),
                    percentile(latenciesMs, 99), percentile(latenciesMs, 100), missing, duplicates, cpuSummary);
            System.out.println("  " + stack.stages("m-"));
            service.close();
            System.out.printf(Locale.ROOT, "BENCH audit-writeback events_per_s=%.0f p99_ms=%.1f errors=%d p50_ms=%.1f"
                            + " max_ms=%.1f rate=%d events=%d missing=%d duplicates=%d%n", perSecond,
                    percentile(latenciesMs, 99), missing + duplicates, percentile(latenciesMs, 50),
                    percentile(latenciesMs, 100), rate, sent.size(), missing, duplicates);
        }
    }

    /**
     * Publishes {@code rate} events a second for {@code seconds}, each at its own due time (a late one goes at once): blocks
     * of {@code visitsPerBlock} visits, each visit's provider joins, its patient joins, the patient leaves, the provider
     * leaves. Returns when each event was handed to the producer.
     */
    private static Map<WriteKey, Instant> publish(AuditBenchStack stack, String prefix, int rate, int seconds,
                                                  int visitsPerBlock) {
        int total = rate * seconds;
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        Map<WriteKey, Instant> sent = new HashMap<>(total * 2);
        int eventsPerBlock = visitsPerBlock * 4;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int block = i / eventsPerBlock;
            int step = (i % eventsPerBlock) / visitsPerBlock;
            String appointment = prefix + "-" + block + "-" + (i % visitsPerBlock);
            Role role = step == 0 || step == 3 ? Role.PROVIDER : Role.PATIENT;
            String participant = appointment + "-" + role.name().toLowerCase(Locale.ROOT);
            EventType type = step < 2 ? EventType.PARTICIPANT_CONNECTED : EventType.PARTICIPANT_DISCONNECTED;
            Instant at = Instant.now();
            stack.send(stack.presence(type, appointment, participant, role));
            sent.put(new WriteKey(participant, step < 2 ? AuditBenchStack.LOGIN : AuditBenchStack.LOGOUT), at);
        }
        stack.flush();
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  published %d events in %.1f s%n", total, took);
        return sent;
    }

    private static boolean awaitWritten(AuditBenchStack stack, Set<WriteKey> keys, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Set<WriteKey> written = stack.writtenKeys();
            long left = keys.stream().filter(key -> !written.contains(key)).count();
            if (left == 0) {
                return true;
            }
            System.out.printf(Locale.ROOT, "  %d events not written yet%n", left);
            Thread.sleep(2000);
        }
        return false;
    }

    private static double percentile(List<Double> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
