package io.ehrconnector.launch.meeting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A visit's meeting as remembered (table visit_meeting), so later launches of the visit need no Graph call. */
@Entity
@Table(name = "visit_meeting")
@IdClass(StoredVisitMeeting.Key.class)
public class StoredVisitMeeting {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    /** The appointment id, CSN or group visit's conference id the launch named. */
    @Id
    @Column(name = "meeting_key")
    public String meetingKey;

    @Column(name = "meeting_id", nullable = false)
    public String meetingId;

    @Column(name = "join_web_url", nullable = false)
    public String joinWebUrl;

    @Column(name = "organizer_id", nullable = false)
    public String organizerId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(String configurationId, String meetingKey) implements Serializable {
    }

    VisitMeeting meeting() {
        return new VisitMeeting(meetingId, joinWebUrl, organizerId);
    }
}
