package io.ehrconnector.sms.appointments;

import java.io.Serializable;

/** The key of an appointment's rows: configuration and the EHR's appointment id. */
public record AppointmentKey(String configurationId, String appointmentId) implements Serializable {
}
