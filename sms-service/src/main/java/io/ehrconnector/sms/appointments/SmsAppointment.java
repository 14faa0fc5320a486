package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.AppointmentEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** What this service keeps of an appointment (table {@code sms_appointment}): times, status, language. No person. */
@Entity
@Table(name = "sms_appointment")
@IdClass(AppointmentKey.class)
public class SmsAppointment {

    @Id
    @Column(name = "configuration_id")
    public String configurationId;

    @Id
    @Column(name = "appointment_id")
    public String appointmentId;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AppointmentEvent.Status status;

    public String language;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
