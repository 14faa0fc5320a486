package io.ehrconnector.config.sms;

import io.ehrconnector.support.problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReminderOffsetsTest {

    @Test
    void validOffsetsAreCanonicalLongestFirst() {
        List<FieldError> errors = new ArrayList<>();
        List<Duration> offsets = ReminderOffsets.parse(List.of("PT15M", "P7D", " PT1H ", "P1D"), errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(15)), offsets);
        assertEquals("PT168H,PT24H,PT1H,PT15M", ReminderOffsets.format(offsets));
        assertEquals(offsets, ReminderOffsets.read("PT15M,PT168H,PT1H,PT24H"));
        assertEquals(List.of(), ReminderOffsets.read(""));
    }

    @Test
    void boundsAreInclusive() {
        List<FieldError> errors = new ArrayList<>();
        ReminderOffsets.parse(List.of("PT5M", "P30D"), errors);
        assertEquals(List.of(), errors);
        ReminderOffsets.parse(List.of("PT4M59S", "PT720H1M"), errors);
        assertEquals(List.of("reminderOffsets[0]", "reminderOffsets[1]"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void everyBadEntryIsNamed() {
        List<FieldError> errors = new ArrayList<>();
        List<String> input = new ArrayList<>(List.of("P1D", "1 day", "PT24H", "PT10M30S", "P1W", "PT1H", "PT2H"));
        input.add(null);
        ReminderOffsets.parse(input, errors);
        assertEquals(List.of("reminderOffsets", "reminderOffsets[1]", "reminderOffsets[2]", "reminderOffsets[3]",
                "reminderOffsets[4]", "reminderOffsets[7]"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.stream().noneMatch(e -> e.message().contains("1 day")), "messages never quote the input");
    }

    @Test
    void describedForPeople() {
        assertEquals("7 days", ReminderOffsets.describe(Duration.ofDays(7)));
        assertEquals("1 day 2 hours", ReminderOffsets.describe(Duration.ofHours(26)));
        assertEquals("15 minutes", ReminderOffsets.describe(Duration.ofMinutes(15)));
    }

    @Test
    void shownInTheIsoFormPeopleWrite() {
        assertEquals("P7D", ReminderOffsets.iso(Duration.ofDays(7)));
        assertEquals("P1DT2H", ReminderOffsets.iso(Duration.ofHours(26)));
        assertEquals("PT1H30M", ReminderOffsets.iso(Duration.ofMinutes(90)));
        for (Duration offset : List.of(Duration.ofDays(30), Duration.ofHours(26), Duration.ofMinutes(5))) {
            assertEquals(offset, Duration.parse(ReminderOffsets.iso(offset)), "reads back as the same duration");
        }
    }
}
