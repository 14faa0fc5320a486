package io.ehrconnector.localstack;

import io.ehrconnector.localstack.SmsBenchStack.Reminder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bench/run.sh sms-crash}: {@code -Dreminders=20000} visits whose reminders come due evenly over
 * {@code -DwindowSeconds=90}, the first {@code -DleadSeconds=240} after publishing starts, while sms-service is killed with
 * SIGKILL and started again: {@code -DintakeKills=2} times while it takes the appointments in (each {@code -DminKillSeconds=5}
 * to {@code -DmaxKillSeconds=15} s after the last start), then every 5 to 15 s from just before the first reminder is due
 * until the last. Intake must be over before the first is due (a reminder whose visit arrives after its due time is never
 * sent, by design; the bench says so if it happened). The per-number limit is
 * raised as in sms-reminders. Once every text is settled (none PENDING; a text a killed instance had claimed waits for its
 * lease, 60 s, then goes again with the same repeatability id), the stand-in's records must hold exactly one accepted send
 * per reminder: {@code missing} expected texts never accepted, {@code duplicates} texts a patient got twice (a second
 * accepted send that ACS did not recognise as a repeat, or a second repeatability id to a visit's number); {@code repeats}
 * counts resends ACS answered from the first result (nothing sent twice).
 */
public final class SmsCrashBench {

    private SmsCrashBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int count = Integer.getInteger("reminders", 20_000);
        int windowSeconds = Integer.getInteger("windowSeconds", 90);
        int leadSeconds = Integer.getInteger("leadSeconds", 240);
        int minKill = Integer.getInteger("minKillSeconds", 5);
        int maxKill = Integer.getInteger("maxKillSeconds", 15);
        int intakeKills = Integer.getInteger("intakeKills", 2);
        Map<String, String> limit = Map.of("EHR_SMS_DISPATCH_RATE_PER_MINUTE",
                Integer.toString(Integer.getInteger("ratePerMinute", 1_000_000)));

        try (SmsBenchStack stack = SmsBenchStack.start(root)) {
            String configuration = stack.configure("+18885550201");
            ServiceProcess[] service = {stack.startService(limit, configuration)};
            Instant firstDue = Instant.now().plusSeconds(leadSeconds);
            List<Reminder> reminders = SmsBenchStack.plan(configuration, "c", count, firstDue,
                    Duration.ofSeconds(windowSeconds), "608");
            Instant lastDue = reminders.getLast().due();
            System.out.printf(Locale.ROOT, "%d reminders due from %s to %s; SIGKILL %d times during intake, then every"
                    + " %d to %d s until the last is due%n", count, firstDue, lastDue, intakeKills, minKill, maxKill);
            long publishStart = System.nanoTime();
            stack.publish(reminders);

            // Intake: a few kills while the appointments are taken in, then every visit must be planned before the first
            // reminder is due (a reminder whose visit arrives after its due time is, by design, never sent).
            int kills = 0;
            for (int k = 0; k < intakeKills; k++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(minKill * 1000L, maxKill * 1000L + 1));
                kills++;
                kill(service, limit, stack, kills, firstDue);
            }
            boolean intakeDone = stack.awaitPlanned(configuration, count, firstDue);
            double intakeSeconds = (System.nanoTime() - publishStart) / 1e9;
            System.out.printf(Locale.ROOT, "intake through %d kills: all planned after %.1f s, %.1f s before the first"
                            + " was due%n", kills, intakeSeconds,
                    Duration.between(Instant.now(), firstDue).toMillis() / 1000.0);
            if (!intakeDone) {
                System.out.println("WARNING: intake was not over when reminders came due; raise -DleadSeconds");
            }

            // Sending: kills every minKill to maxKill seconds from shortly before the first due time to the last.
            long untilKills = Duration.between(Instant.now(), firstDue.minusSeconds(minKill)).toMillis();
            if (untilKills > 0) {
                Thread.sleep(untilKills);
            }
            while (true) {
                long wait = ThreadLocalRandom.current().nextLong(minKill * 1000L, maxKill * 1000L + 1);
                if (Instant.now().plusMillis(wait).isAfter(lastDue)) {
                    break;
                }
                Thread.sleep(wait);
                kills++;
                kill(service, limit, stack, kills, firstDue);
            }
            System.out.println("no more kills; waiting until every text is settled");
            boolean settled = stack.awaitSettled(configuration, count, lastDue.plus(Duration.ofMinutes(15)));
            Map<String, Long> states = stack.states(configuration);
            service[0].close();

            SmsTally tally = SmsTally.of(stack.sent(), SmsBenchStack.byRepeatabilityId(reminders));
            System.out.printf(Locale.ROOT, "%d kills; texts %s%s; stand-in: %d of %d accepted, %d repeats, %d doubles,"
                            + " %d unexpected; lag from due p50 %.1f s, p99 %.1f s, max %.1f s%n", kills, states,
                    settled ? "" : " (NOT settled)", tally.unique(), count, tally.repeats(), tally.doubles(),
                    tally.unexpected(), tally.lagSeconds(50), tally.lagSeconds(99), tally.maxLagSeconds());
            System.out.printf(Locale.ROOT, "BENCH sms-crash expected=%d sent_unique=%d duplicates=%d missing=%d kills=%d"
                            + " repeats=%d lag_p99_s=%.1f%n", count, tally.unique(), tally.doubles(), tally.missing(), kills,
                    tally.repeats(), tally.lagSeconds(99));
        }
    }

    private static void kill(ServiceProcess[] service, Map<String, String> limit, SmsBenchStack stack, int kills,
                             Instant firstDue) throws Exception {
        service[0].kill();
        System.out.printf(Locale.ROOT, "SIGKILL #%d at %s (%+.0f s from the first due time); restarting%n", kills,
                Instant.now(), Duration.between(firstDue, Instant.now()).toMillis() / 1000.0);
        service[0] = stack.startService(limit, null);
    }
}
