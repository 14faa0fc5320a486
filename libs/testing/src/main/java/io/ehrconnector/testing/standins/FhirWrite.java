package io.ehrconnector.testing.standins;

import java.time.Instant;

/**
 * A FHIR write the EHR stand-in accepted (what audit write-back and visit status updates sent).
 *
 * @param receivedAt   when
 * @param interaction  {@code create}, {@code update} or {@code patch}
 * @param resourceType e.g. {@code AuditEvent}, {@code Encounter}
 * @param id           the resource id (assigned by the stand-in for a create)
 * @param version      the version the write produced
 * @param body         the request body exactly as sent
 */
public record FhirWrite(Instant receivedAt, String interaction, String resourceType, String id, int version, String body) {
}
