package io.ehrconnector.support.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An event written in the same transaction as the change it describes, waiting to be published to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Publication order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long sequence;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** The structured-mode CloudEvent JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** Failed publication attempts so far. */
    @Column(nullable = false)
    public int attempts;

    /** The exception classes of the last failed attempt; never an exception message (it may quote data). */
    @Column(name = "last_error")
    public String lastError;

    /** Set when the relay gave up on this row; a parked row is skipped so the rows after it are not blocked forever. */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;
}
