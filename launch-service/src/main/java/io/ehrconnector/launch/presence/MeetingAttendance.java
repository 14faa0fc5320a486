package io.ehrconnector.launch.presence;

import com.microsoft.graph.models.AttendanceInterval;
import com.microsoft.graph.models.AttendanceRecord;
import com.microsoft.graph.models.AttendanceRecordCollectionResponse;
import com.microsoft.graph.models.AzureCommunicationServicesUserIdentity;
import com.microsoft.graph.models.CommunicationsGuestIdentity;
import com.microsoft.graph.models.CommunicationsPhoneIdentity;
import com.microsoft.graph.models.CommunicationsUserIdentity;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.MeetingAttendanceReport;
import com.microsoft.graph.models.MeetingAttendanceReportCollectionResponse;
import com.microsoft.graph.users.item.onlinemeetings.item.OnlineMeetingItemRequestBuilder;
import io.ehrconnector.launch.meeting.GraphCalls;
import io.ehrconnector.launch.meeting.GraphClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who attended a visit's meeting and when, from Graph's attendance reports
 * ({@code users/{organizer}/onlineMeetings/{id}/attendanceReports}), which Teams makes once a meeting session has ended.
 * The only roster Graph lets an app read back for this meeting, so it is what a resync compares with. Needs the
 * {@code OnlineMeetingArtifact.Read.All} application permission.
 */
@ApplicationScoped
public class MeetingAttendance {

    /** One attendee of a report, and the times they were in the meeting. */
    record Attendee(CallIdentity identity, List<Interval> intervals) {
    }

    /** @param left null while the attendee is still in the meeting */
    record Interval(OffsetDateTime joined, OffsetDateTime left) {
    }

    private final GraphClients clients;
    private final GraphCalls calls;

    MeetingAttendance(GraphClients clients, GraphCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** The attendees of every report of the meeting; empty when Teams has made no report yet (the meeting is running). */
    Uni<Optional<List<Attendee>>> of(MeetingWatch watch) {
        return calls.run(() -> {
            OnlineMeetingItemRequestBuilder meeting = clients.forTenant(watch.tenantId).users().byUserId(watch.organizerId)
                    .onlineMeetings().byOnlineMeetingId(watch.meetingId);
            MeetingAttendanceReportCollectionResponse reports = meeting.attendanceReports().get();
            if (reports == null || reports.getValue() == null || reports.getValue().isEmpty()) {
                return Optional.empty();
            }
            List<Attendee> attendees = new ArrayList<>();
            for (MeetingAttendanceReport report : reports.getValue()) {
                AttendanceRecordCollectionResponse records = meeting.attendanceReports()
                        .byMeetingAttendanceReportId(report.getId()).attendanceRecords().get();
                if (records != null && records.getValue() != null) {
                    records.getValue().forEach(record -> attendees.add(attendee(record)));
                }
            }
            return Optional.of(attendees);
        });
    }

    private static Attendee attendee(AttendanceRecord record) {
        List<Interval> intervals = new ArrayList<>();
        if (record.getAttendanceIntervals() != null) {
            for (AttendanceInterval interval : record.getAttendanceIntervals()) {
                if (interval.getJoinDateTime() != null) {
                    intervals.add(new Interval(interval.getJoinDateTime(), interval.getLeaveDateTime()));
                }
            }
        }
        return new Attendee(identity(record.getIdentity()), intervals);
    }

    /** The same kinds a roster notification names, so a resync recognises the participants it reported. */
    public static CallIdentity identity(Identity identity) {
        return switch (identity) {
            case CommunicationsUserIdentity user -> new CallIdentity(CallIdentity.Kind.USER, user.getId(), user.getTenantId());
            case CommunicationsGuestIdentity guest -> new CallIdentity(CallIdentity.Kind.GUEST, guest.getId(), null);
            case AzureCommunicationServicesUserIdentity acs -> new CallIdentity(CallIdentity.Kind.ACS_USER, acs.getId(), null);
            case CommunicationsPhoneIdentity phone -> new CallIdentity(CallIdentity.Kind.PHONE, phone.getId(), null);
            case null -> new CallIdentity(CallIdentity.Kind.OTHER, null, null);
            default -> new CallIdentity(CallIdentity.Kind.OTHER, identity.getId(), null);
        };
    }
}
