package io.ehrconnector.audit.query;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The answer of {@code GET /audit/events}: the events, oldest first; {@code truncated} when there were more than the limit
 * (ask again from the last event's {@code occurredAt}).
 */
@RegisterForReflection
public record AuditEventsPage(List<AuditEventView> events, boolean truncated) {
}
