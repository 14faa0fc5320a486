package io.ehrconnector.events;

import java.time.OffsetDateTime;
import java.util.List;

import static io.ehrconnector.events.ContractViolation.check;
import static io.ehrconnector.events.ContractViolation.required;
import static io.ehrconnector.events.ContractViolation.requiredList;

/**
 * An appointment as the EHR describes it after one HL7v2 SIU message. The same record is the data of every appointment event
 * type ({@link EventType#APPOINTMENT_SCHEDULED} S12, {@link EventType#APPOINTMENT_RESCHEDULED} S13,
 * {@link EventType#APPOINTMENT_UPDATED} S14, {@link EventType#APPOINTMENT_CANCELLED} S15, {@link EventType#APPOINTMENT_DELETED}
 * S17, {@link EventType#APPOINTMENT_NO_SHOW} S26): the type says what happened, the fields the appointment's state afterwards.
 * Published by hl7-ingest-service on {@link Topics#APPOINTMENTS}, key {@link Topics#visitKey}.
 *
 * <p>Carries no patient name, no patient identifier and no clinical data (no visit reason, no notes); the patient's phone
 * numbers only encrypted.
 *
 * @param configurationId        the configuration (FHIR base URL) whose EHR sent the message, a UUID
 * @param appointmentId          the EHR's id of the appointment; the same id SMART launches of this visit carry (for Epic the
 *                               visit's contact serial number, CSN)
 * @param start                  when the visit starts, with the offset the EHR gave (or the configuration's time zone)
 * @param end                    when the visit ends; computed from the duration when the message gives one, null when the
 *                               message says neither
 * @param status                 the EHR's filler status of the appointment after this message (SCH-25)
 * @param departmentId           the EHR's id of the department that holds the visit (AIL-3), null when the message has none
 * @param providerIds            the EHR's ids of the providers booked for the visit (AIP-3), possibly empty; ids, never names
 * @param patientPhones          the patient's phone numbers, encrypted, possibly empty
 * @param patientLanguage        the patient's preferred language as a BCP 47 tag (e.g. {@code es}, {@code en-US}) for SMS texts,
 *                               null when unknown
 * @param sourceMessageControlId MSH-10 of the SIU message this event comes from, to trace it and deduplicate resends
 * @param sendingApplication     MSH-3 (namespace id) of that message, null when empty
 * @param sendingFacility        MSH-4 (namespace id) of that message, null when empty
 */
public record AppointmentEvent(
        String configurationId,
        String appointmentId,
        OffsetDateTime start,
        OffsetDateTime end,
        Status status,
        String departmentId,
        List<String> providerIds,
        List<EncryptedPhone> patientPhones,
        String patientLanguage,
        String sourceMessageControlId,
        String sendingApplication,
        String sendingFacility) {

    /** Appointment filler status, HL7 table 0278; a closed set. */
    public enum Status {
        PENDING, WAITLIST, BOOKED, STARTED, COMPLETE, CANCELLED, DISCONTINUED, DELETED, BLOCKED, OVERBOOK, NO_SHOW
    }

    public AppointmentEvent {
        required(configurationId, "configurationId");
        required(appointmentId, "appointmentId");
        required(start, "start");
        check(end == null || !end.isBefore(start), "end", "is before start");
        required(status, "status");
        providerIds = requiredList(providerIds, "providerIds");
        patientPhones = requiredList(patientPhones, "patientPhones");
        required(sourceMessageControlId, "sourceMessageControlId");
    }
}
