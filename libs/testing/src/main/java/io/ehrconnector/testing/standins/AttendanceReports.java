package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meeting attendance reports as Graph's {@code users/{id}/onlineMeetings/{meetingId}/attendanceReports} serves them: the
 * reports of a meeting (Teams makes one per meeting session, once the session has ended) and each report's
 * {@code attendanceRecords}.
 */
final class AttendanceReports {

    private final Map<String, List<ObjectNode>> reportsByMeeting = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> recordsByReport = new ConcurrentHashMap<>();

    /** Adds a report of the meeting's session that ran from {@code start} to {@code end}; returns its id. */
    String add(String meetingId, Instant start, Instant end, List<GraphAttendanceRecord> records) {
        ObjectNode report = Json.object();
        String id = RandomIds.uuid();
        report.put("id", id);
        report.put("totalParticipantCount", records.size());
        report.put("meetingStartDateTime", start.toString());
        report.put("meetingEndDateTime", end.toString());
        reportsByMeeting.computeIfAbsent(meetingId, ignored -> new CopyOnWriteArrayList<>()).add(report);
        recordsByReport.put(id, records.stream().map(GraphAttendanceRecord::json).toList());
        return id;
    }

    /** {@code GET .../onlineMeetings/{meetingId}/attendanceReports}: path params organizer, meeting. */
    StandInResponse list(StandInRequest request) {
        ArrayNode value = Json.object().arrayNode();
        reportsByMeeting.getOrDefault(request.pathParam(1), List.of()).forEach(value::add);
        return collection("meetingAttendanceReports", value);
    }

    /** {@code GET .../attendanceReports/{reportId}/attendanceRecords}: path params organizer, meeting, report. */
    StandInResponse records(StandInRequest request) {
        List<Map<String, Object>> records = recordsByReport.get(request.pathParam(2));
        boolean ofMeeting = reportsByMeeting.getOrDefault(request.pathParam(1), List.of()).stream()
                .anyMatch(report -> report.path("id").asText().equals(request.pathParam(2)));
        if (records == null || !ofMeeting) {
            throw GraphErrors.early(404, "NotFound", "The attendance report was not found.");
        }
        ArrayNode value = Json.object().arrayNode();
        records.forEach(record -> value.add(Json.toObject(record)));
        return collection("attendanceRecords", value);
    }

    private static StandInResponse collection(String entitySet, ArrayNode value) {
        ObjectNode list = Json.object();
        list.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + entitySet);
        list.set("value", value);
        return StandInResponse.json(200, list);
    }
}
