package io.ehrconnector.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.CloudEventCodec;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** One audit event as the API shows it: the stored row, its details as an object. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventView(String eventId, String type, OffsetDateTime occurredAt, OffsetDateTime recordedAt,
                             String configurationId, String environment, String appointmentId, String meetingId, String role,
                             String participantId, String ehrUserId, JsonNode detail) {

    static AuditEventView of(AuditEntry entry) {
        JsonNode detail;
        try {
            detail = CloudEventCodec.mapper().readTree(entry.detailJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored audit detail does not parse (" + e.getClass().getName() + ")");
        }
        return new AuditEventView(entry.eventId, entry.eventType, entry.occurredAt, entry.recordedAt, entry.configurationId,
                entry.environment, entry.appointmentId, entry.meetingId, entry.role, entry.participantId, entry.ehrUserId,
                detail);
    }
}
