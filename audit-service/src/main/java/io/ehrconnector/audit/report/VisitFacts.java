package io.ehrconnector.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.SmsDelivery;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Reads an audit row as a {@link VisitFact}; rows that do not count in reports (launches, device tests, unsent texts) as none. */
final class VisitFacts {

    private VisitFacts() {
    }

    static Optional<VisitFact> of(AuditEntry entry) {
        EventType type = EventType.fromType(entry.eventType).orElse(null);
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            case PARTICIPANT_CONNECTED, PARTICIPANT_DISCONNECTED -> Optional.of(new VisitFact.Presence(entry.participantId,
                    Role.valueOf(entry.role), type == EventType.PARTICIPANT_CONNECTED, entry.occurredAt));
            case SMS_DELIVERY_REPORTED -> SmsDelivery.Outcome.SENT.name().equals(detail(entry).path("outcome").asText())
                    ? Optional.of(new VisitFact.SmsSent(entry.occurredAt)) : Optional.empty();
            case APPOINTMENT_SCHEDULED, APPOINTMENT_RESCHEDULED, APPOINTMENT_UPDATED, APPOINTMENT_CANCELLED,
                 APPOINTMENT_DELETED, APPOINTMENT_NO_SHOW -> Optional.of(appointment(entry));
            default -> Optional.empty();
        };
    }

    private static VisitFact.Appointment appointment(AuditEntry entry) {
        JsonNode detail = detail(entry);
        return new VisitFact.Appointment(AppointmentEvent.Status.valueOf(detail.path("status").asText()),
                text(detail, "departmentId"), time(detail, "start"), time(detail, "end"), entry.occurredAt);
    }

    private static JsonNode detail(AuditEntry entry) {
        try {
            return CloudEventCodec.mapper().readTree(entry.detailJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("audit row " + entry.eventId + " has malformed detail", e);
        }
    }

    private static String text(JsonNode detail, String field) {
        return detail.hasNonNull(field) ? detail.get(field).asText() : null;
    }

    private static OffsetDateTime time(JsonNode detail, String field) {
        String value = text(detail, field);
        return value == null ? null : OffsetDateTime.parse(value);
    }
}
