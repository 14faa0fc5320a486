package io.ehrconnector.launch.quality;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A call record Graph announced, still to be fetched (see V8__call_record_fetch.sql). */
@Entity
@Table(name = "call_record_fetch")
@IdClass(CallRecordFetch.Key.class)
public class CallRecordFetch {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "call_record_id")
    public String callRecordId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    public record Key(String tenantId, String callRecordId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    Key key() {
        return new Key(tenantId, callRecordId);
    }
}
