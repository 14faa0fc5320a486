package io.ehrconnector.localstack;

import io.ehrconnector.localstack.SmsBenchStack.Reminder;
import io.ehrconnector.testing.standins.SentSms;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run.sh sms-reminders}: sms-service as packaged (one instance) against a real PostgreSQL and Kafka and the ACS
 * stand-in (HTTPS, HMAC-checked) in this JVM.
 *
 * <p>Phase 1: an approved configuration with SMS on (no confirmations, one reminder an hour before the visit), then
 * {@code -Dreminders=100000} S12 events whose reminders come due evenly over {@code -DwindowSeconds=60}, the first
 * {@code -DleadSeconds=360} after publishing starts, so intake (measured) is over before the first is due. The per-number
 * limit is raised to {@code -DratePerMinute=1000000} (EHR_SMS_DISPATCH_RATE_PER_MINUTE) so it is not what is measured. From
 * the stand-in's records: unique texts, texts per second, the lag from each reminder's due time to the stand-in's receipt
 * (p50, p99, max), and duplicates (any second record of a text, repeat or not, and any second text to a visit's number).
 *
 * <p>Phase 2: the service restarted with its default limit (200 a minute per number), a second configuration with its own
 * number, {@code -DlimitedTexts=400} reminders all due within 5 s: {@code rate_per_min} is the most sends (repeats included)
 * the stand-in received from that number in any 60 s.
 */
public final class SmsRemindersBench {

    private SmsRemindersBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int count = Integer.getInteger("reminders", 100_000);
        int windowSeconds = Integer.getInteger("windowSeconds", 60);
        int leadSeconds = Integer.getInteger("leadSeconds", 360);
        int ratePerMinute = Integer.getInteger("ratePerMinute", 1_000_000);
        int limitedTexts = Integer.getInteger("limitedTexts", 400);

        try (SmsBenchStack stack = SmsBenchStack.start(root)) {
            // ---- phase 1: throughput and lag, the rate limit out of the way ----
            String configuration = stack.configure("+18885550101");
            ServiceProcess service = stack.startService(Map.of("EHR_SMS_DISPATCH_RATE_PER_MINUTE",
                    Integer.toString(ratePerMinute)), configuration);
            Instant firstDue = Instant.now().plusSeconds(leadSeconds);
            List<Reminder> reminders = SmsBenchStack.plan(configuration, "r", count, firstDue,
                    Duration.ofSeconds(windowSeconds), "608");
            Instant lastDue = reminders.getLast().due();
            System.out.printf(Locale.ROOT, "phase 1: %d reminders due from %s to %s (%.0f/s), limit %d a minute%n", count,
                    firstDue, lastDue, count / (double) Math.max(1, windowSeconds), ratePerMinute);
            long publishStart = System.nanoTime();
            stack.publish(reminders);
            double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
            boolean intakeDone = stack.awaitPlanned(configuration, count, lastDue);
            double intakeSeconds = (System.nanoTime() - publishStart) / 1e9;
            double intakeMarginSeconds = Duration.between(Instant.now(), firstDue).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "  published in %.1f s; all planned after %.1f s (%.0f/s), %.1f s before the"
                    + " first was due%n", publishSeconds, intakeSeconds, count / intakeSeconds, intakeMarginSeconds);
            if (!intakeDone || intakeMarginSeconds < 0) {
                System.out.println("  WARNING: intake was not over when reminders came due; raise -DleadSeconds");
            }
            long untilDue = Duration.between(Instant.now(), firstDue).toMillis();
            if (untilDue > 0) {
                Thread.sleep(untilDue);
            }
            CpuTime cpu = new CpuTime(service); // from the first due time: the sending
            stack.awaitSettled(configuration, count, lastDue.plus(Duration.ofMinutes(20)));
            SmsTally tally = SmsTally.of(stack.sent(), SmsBenchStack.byRepeatabilityId(reminders));
            System.out.printf(Locale.ROOT, "  %d of %d sent (%d missing), %.0f/s from the first to the last; lag from due"
                            + " p50 %.2f s, p99 %.2f s, max %.2f s; %d repeats, %d doubles, %d unexpected, %d early; %s%n",
                    tally.unique(), tally.expected(), tally.missing(), tally.perSecond(), tally.lagSeconds(50),
                    tally.lagSeconds(99), tally.maxLagSeconds(), tally.repeats(), tally.doubles(), tally.unexpected(),
                    tally.early(), cpu.since());
            service.close();

            // ---- phase 2: the default limit, more texts due at once than it allows in a minute ----
            String limitedNumber = "+18885550102";
            String limited = stack.configure(limitedNumber);
            service = stack.startService(Map.of(), limited);
            Instant limitedDue = Instant.now().plusSeconds(20);
            List<Reminder> limitedReminders = SmsBenchStack.plan(limited, "l", limitedTexts, limitedDue,
                    Duration.ofSeconds(5), "414");
            System.out.printf(Locale.ROOT, "phase 2: %d reminders due from %s within 5 s, default limit%n", limitedTexts,
                    limitedDue);
            stack.publish(limitedReminders);
            stack.awaitSettled(limited, limitedTexts, limitedDue.plus(Duration.ofMinutes(10)));
            List<SentSms> sent = stack.sent();
            SmsTally limitedTally = SmsTally.of(sent, SmsBenchStack.byRepeatabilityId(limitedReminders));
            List<Instant> fromLimited = sent.stream().filter(s -> s.from().equals(limitedNumber)).map(SentSms::receivedAt)
                    .toList();
            int ratePerMin = SmsTally.maxInWindow(fromLimited, Duration.ofSeconds(60));
            double limitedSeconds = limitedTally.last() == null ? 0
                    : Duration.between(limitedDue, limitedTally.last()).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "  %d of %d sent, the last %.1f s after the first was due; %d sends from %s in"
                            + " all (probe included), at most %d in any 60 s%n", limitedTally.unique(), limitedTexts,
                    limitedSeconds, fromLimited.size(), limitedNumber, ratePerMin);
            service.close();

            long duplicates = tally.repeats() + tally.doubles() + limitedTally.repeats() + limitedTally.doubles();
            System.out.printf(Locale.ROOT, "BENCH sms-reminders sent=%d lag_p99_s=%.2f rate_per_min=%d sent_per_s=%.0f"
                            + " lag_p50_s=%.2f lag_max_s=%.2f duplicates=%d missing=%d intake_per_s=%.0f"
                            + " limited_sent=%d limited_s=%.1f%n", tally.unique(), tally.lagSeconds(99), ratePerMin,
                    tally.perSecond(), tally.lagSeconds(50), tally.maxLagSeconds(), duplicates,
                    tally.missing() + limitedTally.missing(), count / intakeSeconds, limitedTally.unique(), limitedSeconds);
        }
    }

    /** CPU time of the service and of this JVM (stand-in, watching) since it was made. */
    static final class CpuTime {

        private final ProcessHandle service;
        private final Duration serviceStart;
        private final Duration benchStart;
        private final long wallStart = System.nanoTime();

        CpuTime(ServiceProcess service) {
            this.service = ProcessHandle.of(service.pid()).orElseThrow();
            this.serviceStart = cpu(this.service);
            this.benchStart = cpu(ProcessHandle.current());
        }

        String since() {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            return String.format(Locale.ROOT, "CPU over %.0f s: service %.0f s, benchmark JVM %.0f s", wall,
                    cpu(service).minus(serviceStart).toMillis() / 1000.0,
                    cpu(ProcessHandle.current()).minus(benchStart).toMillis() / 1000.0);
        }

        private static Duration cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }
}
