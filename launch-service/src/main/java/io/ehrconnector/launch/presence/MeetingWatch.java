package io.ehrconnector.launch.presence;

import io.ehrconnector.events.Topics;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A visit meeting whose roster is watched, and the state of its Graph subscription (see V5__meeting_watch.sql). */
@Entity
@Table(name = "meeting_watch")
@IdClass(MeetingWatch.Key.class)
public class MeetingWatch extends GraphSubscriptionState {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "meeting_key")
    public String meetingKey;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "meeting_id", nullable = false)
    public String meetingId;

    @Column(name = "join_web_url", nullable = false)
    public String joinWebUrl;

    @Column(name = "organizer_id", nullable = false)
    public String organizerId;

    @Column(name = "watch_until", nullable = false)
    public OffsetDateTime watchUntil;

    @Column(name = "resync_due_at")
    public OffsetDateTime resyncDueAt;

    public record Key(String configurationId, String meetingKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    Key key() {
        return new Key(configurationId, meetingKey);
    }

    /** The record key and subject of the visit's events. */
    String visitKey() {
        return Topics.visitKey(configurationId, meetingKey);
    }
}
