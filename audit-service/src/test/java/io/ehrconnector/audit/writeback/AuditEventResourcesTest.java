package io.ehrconnector.audit.writeback;

import ca.uhn.fhir.context.FhirContext;
import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.EventType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AuditEvents of connects, disconnects and device tests are valid FHIR R4 (HAPI's validator) and say what happened. */
class AuditEventResourcesTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T09:27:00-06:00");

    @Test
    void aProvidersConnectIsALoginOfTheParticipantAtTheAppointment() {
        AuditEntry entry = presence(EventType.PARTICIPANT_CONNECTED, "PROVIDER", "E4F7H2K9");
        String json = AuditEventResources.json(entry);

        assertEquals(List.of(), FhirValidation.errors(json));
        AuditEvent event = FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, json);
        assertEquals("110114", event.getType().getCode());
        assertEquals("110122", event.getSubtypeFirstRep().getCode());
        assertEquals(AuditEvent.AuditEventAction.E, event.getAction());
        assertEquals(AT.toInstant(), event.getRecorded().toInstant());
        assertEquals("q7Tz0cXb9LkW2mPe4vRa1g", event.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals("PPRF", event.getAgentFirstRep().getType().getCodingFirstRep().getCode());
        assertEquals("E4F7H2K9", event.getAgentFirstRep().getAltId());
        assertTrue(event.getAgentFirstRep().getRequestor());
        assertEquals("1000187342", event.getEntityFirstRep().getWhat().getIdentifier().getValue());
        assertEquals(AuditEventResources.APPOINTMENT_IDS, event.getEntityFirstRep().getWhat().getIdentifier().getSystem());
    }

    @Test
    void aPatientsDisconnectIsALogoutWithoutAnyPersonalId() {
        String json = AuditEventResources.json(presence(EventType.PARTICIPANT_DISCONNECTED, "PATIENT", null));

        assertEquals(List.of(), FhirValidation.errors(json));
        AuditEvent event = FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, json);
        assertEquals("110123", event.getSubtypeFirstRep().getCode());
        assertEquals("SBJ", event.getAgentFirstRep().getType().getCodingFirstRep().getCode());
        assertFalse(event.getAgentFirstRep().hasAltId());
        assertFalse(json.contains("\"name\""), json);
    }

    @Test
    void aFailedDeviceTestIsAMinorFailureListingItsChecks() {
        AuditEntry entry = presence(EventType.DEVICE_TEST_REPORTED, null, null);
        entry.detailJson = "{\"camera\":\"PERMISSION_DENIED\",\"microphone\":\"PASSED\",\"speaker\":\"PASSED\","
                + "\"browser\":\"SUPPORTED\"}";
        entry.meetingId = null;
        String json = AuditEventResources.json(entry);

        assertEquals(List.of(), FhirValidation.errors(json));
        AuditEvent event = FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, json);
        assertEquals("110100", event.getType().getCode());
        assertEquals("device-test", event.getSubtypeFirstRep().getCode());
        assertEquals(AuditEvent.AuditEventOutcome._4, event.getOutcome());
        assertTrue(json.contains("PERMISSION_DENIED"), json);
    }

    private static AuditEntry presence(EventType type, String role, String ehrUserId) {
        AuditEntry entry = new AuditEntry();
        entry.eventId = "c8854d45-00d8-3ddb-8b65-8c97b7f704ea";
        entry.eventType = type.type();
        entry.occurredAt = AT;
        entry.configurationId = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04";
        entry.appointmentId = "1000187342";
        entry.meetingId = "MSo3MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcqMCoqMTk6bWVldGluZ19OR0V6";
        entry.role = role;
        entry.participantId = role == null ? null : "q7Tz0cXb9LkW2mPe4vRa1g";
        entry.ehrUserId = ehrUserId;
        entry.detailJson = "{}";
        return entry;
    }
}
