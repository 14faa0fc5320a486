package io.ehrconnector.sms.plan;

import io.ehrconnector.events.AppointmentEvent;

import java.time.OffsetDateTime;

/** What was known of an appointment before an event: its start and status. */
public record KnownAppointment(OffsetDateTime startsAt, AppointmentEvent.Status status) {
}
