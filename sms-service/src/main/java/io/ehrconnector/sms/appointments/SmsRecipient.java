package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.EncryptedPhone;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The patient's mobile number for one appointment (table {@code sms_recipient}), still encrypted as hl7-ingest-service sent
 * it; the only copy this service keeps, deleted at {@code eraseAt}.
 */
@Entity
@Table(name = "sms_recipient")
@IdClass(AppointmentKey.class)
public class SmsRecipient {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "appointment_id")
    public String appointmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "phone_use", nullable = false)
    public EncryptedPhone.Use use;

    @Column(nullable = false)
    public String ciphertext;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "erase_at", nullable = false)
    public OffsetDateTime eraseAt;

    public EncryptedPhone phone() {
        return new EncryptedPhone(use, ciphertext, keyId);
    }
}
