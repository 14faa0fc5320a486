package io.ehrconnector.localstack;

import io.ehrconnector.localstack.SmsBenchStack.Reminder;
import io.ehrconnector.testing.standins.SentSms;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ACS stand-in recorded, held against the reminders a benchmark expects (by repeatability id, and by the visit's
 * phone number, unique per visit in a run).
 *
 * @param expected   reminders expected
 * @param unique     expected reminders the stand-in accepted at least once
 * @param repeats    later attempts at an accepted text that ACS answered from the first result (same repeatability id,
 *                   nothing sent to the patient again): a resend after a crash or a lost answer
 * @param doubles    texts a patient got twice: a second accepted send that was not a repeat, or a second repeatability id
 *                   to a visit's number (a text the benchmark did not expect)
 * @param unexpected accepted sends to a number of this run under a repeatability id the benchmark did not expect
 * @param missing    expected reminders never accepted
 * @param lagMillis  for each expected reminder, from its due time to the stand-in's receipt of its first send (ms)
 * @param early      reminders received before they were due
 * @param first      the first receipt of an expected reminder
 * @param last       the last one
 */
record SmsTally(long expected, long unique, long repeats, long doubles, long unexpected, long missing, Histogram lagMillis,
                long early, Instant first, Instant last) {

    static SmsTally of(List<SentSms> sent, Map<String, Reminder> expected) {
        Set<String> phones = new HashSet<>(expected.size() * 2);
        expected.values().forEach(r -> phones.add(r.phone()));
        Map<String, Integer> sendsById = new HashMap<>(expected.size() * 2);
        Map<String, Set<String>> idsByPhone = new HashMap<>(expected.size() * 2);
        Histogram lag = new Histogram(3_600_000L, 3);
        long unique = 0;
        long repeats = 0;
        long doubles = 0;
        long unexpected = 0;
        long early = 0;
        Instant first = null;
        Instant last = null;
        for (SentSms s : sent) {
            if (!s.successful() || !phones.contains(s.to())) {
                continue; // probes, other phases
            }
            String id = s.repeatabilityRequestId();
            idsByPhone.computeIfAbsent(s.to(), k -> new HashSet<>()).add(String.valueOf(id));
            Reminder reminder = id == null ? null : expected.get(id);
            if (reminder == null) {
                unexpected++;
                continue;
            }
            int n = sendsById.merge(id, 1, Integer::sum);
            if (n > 1) {
                if (s.repeat()) {
                    repeats++;
                } else {
                    doubles++;
                }
                continue;
            }
            unique++;
            long millis = Duration.between(reminder.due(), s.receivedAt()).toMillis();
            if (millis < 0) {
                early++;
            }
            lag.recordValue(Math.min(lag.getHighestTrackableValue(), Math.max(0, millis)));
            first = first == null || s.receivedAt().isBefore(first) ? s.receivedAt() : first;
            last = last == null || s.receivedAt().isAfter(last) ? s.receivedAt() : last;
        }
        for (Set<String> ids : idsByPhone.values()) {
            doubles += ids.size() - 1;
        }
        return new SmsTally(expected.size(), unique, repeats, doubles, unexpected, expected.size() - unique, lag, early,
                first, last);
    }

    /** Unique texts per second from the first receipt to the last. */
    double perSecond() {
        if (first == null || unique < 2) {
            return 0;
        }
        return unique / Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
    }

    double lagSeconds(double percentile) {
        return lagMillis.getTotalCount() == 0 ? 0 : lagMillis.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxLagSeconds() {
        return lagMillis.getMaxValue() / 1000.0;
    }

    /** The most sends in any {@code window} (half-open: [t, t + window)) among {@code times}. */
    static int maxInWindow(List<Instant> times, Duration window) {
        List<Instant> sorted = times.stream().sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (!sorted.get(from).plus(window).isAfter(sorted.get(to))) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
