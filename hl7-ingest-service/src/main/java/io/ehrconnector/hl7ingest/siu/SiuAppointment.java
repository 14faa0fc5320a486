package io.ehrconnector.hl7ingest.siu;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the connector takes from one SIU message: the appointment's ids, times, status, department and provider ids, and
 * the patient's phone numbers and language. No names, no patient identifiers, no clinical data.
 *
 * @param eventType what happened (from the trigger event, MSH-9.2)
 */
public record SiuAppointment(
        EventType eventType,
        String appointmentId,
        OffsetDateTime start,
        OffsetDateTime end,
        AppointmentEvent.Status status,
        String departmentId,
        List<String> providerIds,
        List<PatientPhone> phones,
        String language) {
}
