package io.ehrconnector.audit.writeback;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One queued EHR write-back ({@code ehr_write}): which audit row, the visit it keeps order in, and how it went so far. */
@Entity
@Table(name = "ehr_write")
public class EhrWrite {

    @Id
    public Long sequence;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "visit_key", nullable = false)
    public String visitKey;

    @Column(name = "source_topic", nullable = false)
    public String sourceTopic;

    @Column(name = "source_partition", nullable = false)
    public int sourcePartition;

    @Column(name = "source_offset", nullable = false)
    public long sourceOffset;

    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "source_record", nullable = false)
    public String sourceRecord;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "written_at")
    public OffsetDateTime writtenAt;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    @Override
    public String toString() {
        return "EhrWrite[" + sequence + "]";
    }
}
