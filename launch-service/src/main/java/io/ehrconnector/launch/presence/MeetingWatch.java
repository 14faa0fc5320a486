package io.ehrconnector.launch.presence;

import io.ehrconnector.events.Topics;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A visit meeting whose roster is watched, and its Graph subscription (see V5__meeting_watch.sql). */
@Entity
@Table(name = "meeting_watch")
@IdClass(MeetingWatch.Key.class)
public class MeetingWatch {

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

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "client_state_hash")
    public String clientStateHash;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "reauthorize_requested", nullable = false)
    public boolean reauthorizeRequested;

    @Column(name = "resync_due_at")
    public OffsetDateTime resyncDueAt;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    public record Key(String configurationId, String meetingKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    Key key() {
        return new Key(configurationId, meetingKey);
    }

    /** The subscription is gone (removed by Graph, deleted, or unusable): the keeper makes a new one. */
    void forgetSubscription() {
        subscriptionId = null;
        clientStateHash = null;
        expiresAt = null;
        reauthorizeRequested = false;
        attempts = 0;
    }

    /** The record key and subject of the visit's events. */
    String visitKey() {
        return Topics.visitKey(configurationId, meetingKey);
    }
}
