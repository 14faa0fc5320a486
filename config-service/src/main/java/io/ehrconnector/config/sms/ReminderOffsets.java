package io.ehrconnector.config.sms;

import io.ehrconnector.support.problem.FieldError;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reminder offsets: how long before a visit each reminder is sent. A set of ISO-8601 durations ({@code P7D}, {@code P1D},
 * {@code PT1H}, {@code PT15M}), each between {@link #MIN} and {@link #MAX} in whole minutes, at most {@link #MAX_COUNT},
 * no two equal ({@code P1D} and {@code PT24H} are the same offset). Kept and shown in canonical form, longest first
 * ({@code PT168H, PT24H, PT1H, PT15M}).
 */
final class ReminderOffsets {

    static final Duration MIN = Duration.ofMinutes(5);
    static final Duration MAX = Duration.ofDays(30);
    static final int MAX_COUNT = 6;
    static final String FIELD = "reminderOffsets";

    private ReminderOffsets() {
    }

    /** The offsets, longest first, or the field errors in {@code errors} (then the result is meaningless). */
    static List<Duration> parse(List<String> input, List<FieldError> errors) {
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_COUNT) {
            errors.add(new FieldError(FIELD, "At most " + MAX_COUNT + " reminders per URL; remove "
                    + (input.size() - MAX_COUNT) + "."));
        }
        List<Duration> offsets = new ArrayList<>();
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String field = FIELD + "[" + i + "]";
            String text = input.get(i);
            Duration offset;
            try {
                offset = Duration.parse(text == null ? "" : text.trim());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "Not an ISO-8601 duration; write days, hours or minutes like P7D, P1D, PT1H"
                        + " or PT15M."));
                continue;
            }
            if (offset.compareTo(MIN) < 0 || offset.compareTo(MAX) > 0) {
                errors.add(new FieldError(field, "A reminder must be between 5 minutes (PT5M) and 30 days (P30D) before the"
                        + " visit."));
                continue;
            }
            if (offset.toSecondsPart() != 0 || offset.toNanosPart() != 0) {
                errors.add(new FieldError(field, "Reminders are set in whole minutes (e.g. PT15M)."));
                continue;
            }
            if (!seen.add(offset)) {
                errors.add(new FieldError(field, "The same reminder is listed twice (P1D and PT24H are the same); list each"
                        + " once."));
                continue;
            }
            offsets.add(offset);
        }
        offsets.sort(Comparator.reverseOrder());
        return List.copyOf(offsets);
    }

    static String format(List<Duration> offsets) {
        return String.join(",", offsets.stream().sorted(Comparator.reverseOrder()).map(Duration::toString).toList());
    }

    static List<Duration> read(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(Duration::parse).sorted(Comparator.reverseOrder()).toList();
    }

    /** ISO-8601 as people write it: {@code P7D} and {@code P1DT2H} rather than Java's {@code PT168H} and {@code PT26H}. */
    static String iso(Duration offset) {
        long days = offset.toDays();
        if (days == 0) {
            return offset.toString();
        }
        Duration rest = offset.minusDays(days);
        return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
    }

    /** For people: {@code 7 days}, {@code 1 hour}, {@code 1 day 2 hours}, {@code 15 minutes}. */
    static String describe(Duration offset) {
        List<String> parts = new ArrayList<>();
        long days = offset.toDays();
        int hours = offset.toHoursPart();
        int minutes = offset.toMinutesPart();
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (minutes > 0) {
            parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
        }
        return String.join(" ", parts);
    }
}
