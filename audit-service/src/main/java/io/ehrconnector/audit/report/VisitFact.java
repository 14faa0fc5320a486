package io.ehrconnector.audit.report;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.ParticipantPresence.Role;

import java.time.OffsetDateTime;

/** What the visit report is computed from: one audited event of a visit, reduced to what the arithmetic needs. */
sealed interface VisitFact {

    OffsetDateTime at();

    /** A participant joined ({@code connected}) or left the visit's meeting. */
    record Presence(String participantId, Role role, boolean connected, OffsetDateTime at) implements VisitFact {
    }

    /** ACS accepted a text to the patient. */
    record SmsSent(OffsetDateTime at) implements VisitFact {
    }

    /** The EHR's view of the appointment after one scheduling message ({@code at}: when the message was published). */
    record Appointment(AppointmentEvent.Status status, String departmentId, OffsetDateTime start, OffsetDateTime end,
                       OffsetDateTime at) implements VisitFact {
    }
}
