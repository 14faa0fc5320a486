package io.ehrconnector.config.sms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The SMS settings of one FHIR base URL (configuration): its sending number, switch, confirmations and reminders. */
@Entity
@Table(name = "sms_url_settings")
public class SmsUrlSettings {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** The linked sending number ({@link SmsPhoneNumber#id}), or null. */
    @Column(name = "phone_number_id")
    public String phoneNumberId;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "confirm_on_scheduled", nullable = false)
    public boolean confirmOnScheduled;

    @Column(name = "confirm_on_updated", nullable = false)
    public boolean confirmOnUpdated;

    @Column(name = "confirm_on_cancelled", nullable = false)
    public boolean confirmOnCancelled;

    /** {@link ReminderOffsets#format}: canonical ISO-8601 durations, longest first, comma-separated. */
    @Column(name = "reminder_offsets", nullable = false)
    public String reminderOffsets;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
