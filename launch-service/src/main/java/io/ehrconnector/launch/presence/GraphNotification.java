package io.ehrconnector.launch.presence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An accepted Graph notification waiting for, or done with, processing (see V5__meeting_watch.sql). */
@Entity
@Table(name = "graph_notification")
public class GraphNotification {

    enum Kind {
        /** A change notification: a {@link RosterChange}. */
        CHANGE,
        /** A lifecycle notification: a {@link Lifecycle} event. */
        LIFECYCLE
    }

    /** Graph's lifecycle events, by the names Graph gives them. */
    enum Lifecycle {
        reauthorizationRequired,
        subscriptionRemoved,
        missed
    }

    @Id
    public Long id;

    @Column(name = "dedupe_key", nullable = false)
    public String dedupeKey;

    @Column(name = "subscription_id", nullable = false)
    public String subscriptionId;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Column(name = "meeting_key", nullable = false)
    public String meetingKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** A {@link RosterChange} as JSON, or the name of the {@link Lifecycle} event. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "processed_at")
    public OffsetDateTime processedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;
}
