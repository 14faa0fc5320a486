package io.ehrconnector.sms.messages;

import io.ehrconnector.events.SmsDelivery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One text the service decided to send (table {@code sms_message}); never holds the number or the text itself. */
@Entity
@Table(name = "sms_message")
public class SmsMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "configuration_id", nullable = false)
    public String configurationId;

    @Column(name = "appointment_id", nullable = false)
    public String appointmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "message_type", nullable = false)
    public SmsDelivery.MessageType messageType;

    @Column(name = "reminder_offset_s", nullable = false)
    public long reminderOffsetSeconds;

    @Column(nullable = false)
    public String occasion;

    @Column(name = "repeatability_id", nullable = false)
    public UUID repeatabilityId;

    @Column(name = "sending_number", nullable = false)
    public String sendingNumber;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "not_before", nullable = false)
    public OffsetDateTime notBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageState state;

    @Column(nullable = false)
    public int attempts;

    @Enumerated(EnumType.STRING)
    public SmsDelivery.Reason reason;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The reminder's offset before the visit start, null for a confirmation (as {@link SmsDelivery} wants it). */
    public Duration reminderOffset() {
        return messageType == SmsDelivery.MessageType.REMINDER ? Duration.ofSeconds(reminderOffsetSeconds) : null;
    }
}
