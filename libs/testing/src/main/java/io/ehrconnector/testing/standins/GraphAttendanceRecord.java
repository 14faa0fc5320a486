package io.ehrconnector.testing.standins;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One participant's attendance in a meeting's attendance report ({@code attendanceRecord}): who, and when they joined and
 * left.
 *
 * @param identity who attended
 * @param joined   when they joined
 * @param left     when they left, or {@code null} while they are still in the meeting
 */
public record GraphAttendanceRecord(GraphParticipantIdentity identity, Instant joined, Instant left) {

    public GraphAttendanceRecord {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(joined, "joined");
    }

    /** The record as Graph returns it. */
    Map<String, Object> json() {
        long seconds = left == null ? 0 : Duration.between(joined, left).toSeconds();
        Map<String, Object> interval = new LinkedHashMap<>();
        interval.put("joinDateTime", joined.toString());
        interval.put("leaveDateTime", left == null ? null : left.toString());
        interval.put("durationInSeconds", seconds);
        interval.values().removeIf(Objects::isNull);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", identity.id());
        record.put("role", "Attendee");
        record.put("totalAttendanceInSeconds", seconds);
        record.put("identity", identity.attendanceIdentity());
        record.put("attendanceIntervals", List.of(interval));
        return record;
    }
}
