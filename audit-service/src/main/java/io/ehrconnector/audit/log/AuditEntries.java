package io.ehrconnector.audit.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.MalformedEventException;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.VisitLaunched;
import io.ehrconnector.support.configuration.KnownConfiguration;

import java.time.OffsetDateTime;

/**
 * What of an event the audit log keeps: ids, the type, when it happened, and its enum values. Never names, numbers or free
 * text (the events carry none; SMS provider message ids and device-test details beyond the checks are left out too, and of an
 * appointment only its status, times and department id: not its providers, not the patient's encrypted numbers).
 */
final class AuditEntries {

    private AuditEntries() {
    }

    /** The configuration id an event names, to look its tenant up before {@link #of}. */
    static String configurationIdOf(CloudEvent<Object> event) {
        return switch (event.data()) {
            case ParticipantPresence presence -> presence.configurationId();
            case AppointmentEvent appointment -> appointment.configurationId();
            case VisitLaunched launched -> launched.configurationId();
            case DeviceTestReported test -> test.configurationId();
            case SmsDelivery delivery -> delivery.configurationId();
            default -> throw notAudited(event);
        };
    }

    static AuditEntry of(CloudEvent<Object> event, KnownConfiguration configuration, OffsetDateTime now) {
        AuditEntry entry = new AuditEntry();
        entry.eventId = event.id();
        entry.eventType = event.type();
        entry.recordedAt = now;
        entry.configurationId = configuration.configurationId;
        entry.tenantId = configuration.tenantId;
        entry.environment = configuration.environment.name();
        ObjectNode detail = CloudEventCodec.mapper().createObjectNode();
        switch (event.data()) {
            case ParticipantPresence presence -> {
                entry.occurredAt = presence.occurredAt();
                entry.appointmentId = presence.appointmentId();
                entry.meetingId = presence.meetingId();
                entry.role = presence.role().name();
                entry.participantId = presence.participantId();
                entry.ehrUserId = presence.ehrUserId();
            }
            case AppointmentEvent appointment -> {
                // When hl7-ingest published the EHR's message: the order of the EHR's changes.
                entry.occurredAt = event.time();
                entry.appointmentId = appointment.appointmentId();
                detail.put("status", appointment.status().name());
                detail.put("start", appointment.start().toString());
                if (appointment.end() != null) {
                    detail.put("end", appointment.end().toString());
                }
                if (appointment.departmentId() != null) {
                    detail.put("departmentId", appointment.departmentId());
                }
            }
            case VisitLaunched launched -> {
                entry.occurredAt = launched.launchedAt();
                entry.appointmentId = launched.appointmentId();
                entry.meetingId = launched.meetingId();
                entry.ehrUserId = launched.ehrUserId();
                detail.put("launchId", launched.launchId());
                detail.put("channel", launched.channel().name());
                detail.put("ehrClient", launched.ehrClient().name());
            }
            case DeviceTestReported test -> {
                entry.occurredAt = test.reportedAt();
                entry.appointmentId = test.appointmentId();
                detail.put("camera", test.camera().name());
                detail.put("microphone", test.microphone().name());
                detail.put("speaker", test.speaker().name());
                detail.put("browser", test.browser().name());
            }
            case SmsDelivery delivery -> {
                entry.occurredAt = delivery.occurredAt();
                entry.appointmentId = delivery.appointmentId();
                detail.put("messageType", delivery.messageType().name());
                if (delivery.reminderOffset() != null) {
                    detail.put("reminderOffset", delivery.reminderOffset().toString());
                }
                detail.put("outcome", delivery.outcome().name());
                if (delivery.reason() != null) {
                    detail.put("reason", delivery.reason().name());
                }
            }
            default -> throw notAudited(event);
        }
        entry.detailJson = detail.toString();
        return entry;
    }

    /** Whether the EHR is told about this event: connects, disconnects and device tests run for a visit. */
    static boolean writtenBack(AuditEntry entry) {
        return entry.appointmentId != null && (EventType.PARTICIPANT_CONNECTED.type().equals(entry.eventType)
                || EventType.PARTICIPANT_DISCONNECTED.type().equals(entry.eventType)
                || EventType.DEVICE_TEST_REPORTED.type().equals(entry.eventType));
    }

    private static MalformedEventException notAudited(CloudEvent<Object> event) {
        return new MalformedEventException("event type " + event.type() + " is not one audit-service records");
    }
}
