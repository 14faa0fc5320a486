package io.ehrconnector.launch.presence;

import io.ehrconnector.events.ParticipantPresence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** One join of a participant to a watched visit (see V6__visit_participant.sql). */
@Entity
@Table(name = "visit_participant")
@IdClass(VisitParticipant.Key.class)
public class VisitParticipant {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "meeting_key")
    public String meetingKey;

    @Id
    @Column(name = "participant_id")
    public String participantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ParticipantPresence.Role role;

    @Column(name = "ehr_user_id")
    public String ehrUserId;

    @Column(name = "identity_key", nullable = false)
    public String identityKey;

    @Column(name = "connected_at")
    public OffsetDateTime connectedAt;

    @Column(name = "disconnected_at")
    public OffsetDateTime disconnectedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public record Key(String configurationId, String meetingKey, String participantId) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    /** In the meeting now: connected, and not disconnected since. */
    boolean inMeeting() {
        return connectedAt != null && disconnectedAt == null;
    }
}
