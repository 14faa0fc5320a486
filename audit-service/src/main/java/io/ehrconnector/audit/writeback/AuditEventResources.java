package io.ehrconnector.audit.writeback;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The FHIR R4 AuditEvent the EHR gets for a connect, a disconnect or a device test of a visit, built with HAPI's model.
 *
 * <ul>
 *   <li>connect/disconnect: type DICOM 110114 "User Authentication", subtype 110122 "Login" / 110123 "Logout" (a participant
 *       entering or leaving the visit's Teams meeting); one agent, the participant: the opaque participant id as
 *       {@code who.identifier}, its part as {@code type} (v3 ParticipationType: PPRF provider, SBJ patient, PART guest), the
 *       provider's EHR user id as {@code altId};</li>
 *   <li>device test: type DICOM 110100 "Application Activity", subtype {@code device-test}; outcome 0 when every check
 *       passed or was not run, else 4 (minor failure); the checks as entity details; the agent is the connector's device-test
 *       page (nobody is named);</li>
 *   <li>always: action E, {@code recorded} = when it happened, source = the connector (application server), entity = the
 *       appointment ({@code what.identifier}, the appointment id the EHR gave, e.g. Epic's CSN) and the Teams meeting.</li>
 * </ul>
 * No names, no free text: the identifiers are opaque or the EHR's own.
 */
final class AuditEventResources {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String CONNECTOR_SUBTYPES = "urn:ehr-connector:audit-subtype";
    static final String PARTICIPANT_IDS = "urn:ehr-connector:participant";
    static final String APPOINTMENT_IDS = "urn:ehr-connector:appointment";
    static final String MEETING_IDS = "urn:ehr-connector:teams-meeting";
    private static final Set<String> PASSING_CHECKS = Set.of("PASSED", "SUPPORTED", "NOT_TESTED");

    private AuditEventResources() {
    }

    /** The resource as FHIR JSON. */
    static String json(AuditEntry entry) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(of(entry));
    }

    static AuditEvent of(AuditEntry entry) {
        AuditEvent event = new AuditEvent();
        event.setAction(AuditEventAction.E);
        event.setRecordedElement(new InstantType(Date.from(entry.occurredAt.toInstant())));
        event.setOutcome(AuditEventOutcome._0);
        if (EventType.DEVICE_TEST_REPORTED.type().equals(entry.eventType)) {
            deviceTest(event, entry);
        } else {
            presence(event, entry, EventType.PARTICIPANT_CONNECTED.type().equals(entry.eventType));
        }
        event.getSource().setSite("ehr-connector")
                .setObserver(new Reference().setDisplay("ehr-connector audit-service"))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem(APPOINTMENT_IDS)
                        .setValue(entry.appointmentId)))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        if (entry.meetingId != null) {
            event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem(MEETING_IDS)
                            .setValue(entry.meetingId)))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        }
        return event;
    }

    private static void presence(AuditEvent event, AuditEntry entry, boolean connected) {
        event.setType(new Coding(DCM, "110114", "User Authentication"));
        event.addSubtype(connected ? new Coding(DCM, "110122", "Login") : new Coding(DCM, "110123", "Logout"));
        AuditEventAgentComponent agent = event.addAgent()
                .setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(PARTICIPANT_IDS)
                        .setValue(entry.participantId)))
                .setType(new CodeableConcept(participation(ParticipantPresence.Role.valueOf(entry.role))));
        if (entry.ehrUserId != null) {
            agent.setAltId(entry.ehrUserId);
        }
    }

    private static Coding participation(ParticipantPresence.Role role) {
        return switch (role) {
            case PROVIDER -> new Coding(PARTICIPATION_TYPE, "PPRF", "primary performer");
            case PATIENT -> new Coding(PARTICIPATION_TYPE, "SBJ", "subject");
            case GUEST -> new Coding(PARTICIPATION_TYPE, "PART", "Participation");
        };
    }

    private static void deviceTest(AuditEvent event, AuditEntry entry) {
        event.setType(new Coding(DCM, "110100", "Application Activity"));
        event.addSubtype(new Coding(CONNECTOR_SUBTYPES, "device-test", "Device test"));
        event.addAgent().setRequestor(false).setWho(new Reference().setDisplay("ehr-connector device test page"));
        JsonNode checks = detail(entry);
        boolean allPassed = true;
        var entity = event.addEntity().setWhat(new Reference().setDisplay("device test"))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
        for (String check : List.of("camera", "microphone", "speaker", "browser")) {
            String result = checks.path(check).asText("NOT_TESTED");
            allPassed &= PASSING_CHECKS.contains(result);
            entity.addDetail().setType(check).setValue(new org.hl7.fhir.r4.model.StringType(result));
        }
        event.setOutcome(allPassed ? AuditEventOutcome._0 : AuditEventOutcome._4);
    }

    private static JsonNode detail(AuditEntry entry) {
        try {
            return CloudEventCodec.mapper().readTree(entry.detailJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit detail does not parse (" + e.getClass().getName() + ")");
        }
    }
}
