package io.ehrconnector.audit.writeback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ehrconnector.audit.log.AuditEntry;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connect or disconnect as Epic's telehealth SetExternalConnectionStatus call: ConferenceID the visit's appointment id
 * (for a context-aware link, the CSN), ExternalID a provider's EHR user id or else the opaque participant id (never a name),
 * ExternalIDType, VendorName and ConnectionStatus from {@link WriteBackSettings.EpicConnectionStatusSettings}. The call goes
 * to the Interconnect instance the FHIR base URL belongs to.
 */
final class EpicConnectionStatus {

    /** An Epic FHIR base URL: the Interconnect instance, then {@code /api/FHIR/<version>}. */
    private static final Pattern EPIC_FHIR_BASE = Pattern.compile("^(https://.+?)/api/FHIR/(R4|STU3|DSTU2)/?$",
            Pattern.CASE_INSENSITIVE);

    private EpicConnectionStatus() {
    }

    /** Whether the call has a place for this row: connects and disconnects (device tests have none). */
    static boolean applies(AuditEntry entry) {
        return EventType.PARTICIPANT_CONNECTED.type().equals(entry.eventType)
                || EventType.PARTICIPANT_DISCONNECTED.type().equals(entry.eventType);
    }

    /** The call's URL for the instance of {@code fhirBaseUrl}; null when that is not an Epic FHIR base URL. */
    static String url(String fhirBaseUrl, WriteBackSettings.EpicConnectionStatusSettings settings) {
        Matcher matcher = EPIC_FHIR_BASE.matcher(fhirBaseUrl);
        return matcher.matches() ? matcher.group(1) + settings.path() : null;
    }

    static String body(AuditEntry entry, WriteBackSettings.EpicConnectionStatusSettings settings) {
        boolean connected = EventType.PARTICIPANT_CONNECTED.type().equals(entry.eventType);
        boolean provider = ParticipantPresence.Role.PROVIDER.name().equals(entry.role) && entry.ehrUserId != null;
        ObjectNode body = CloudEventCodec.mapper().createObjectNode();
        body.put("ConferenceID", entry.appointmentId);
        body.put("ExternalID", provider ? entry.ehrUserId : entry.participantId);
        body.put("ExternalIDType", provider ? settings.providerIdType() : settings.participantIdType());
        body.put("VendorName", settings.vendorName());
        body.put("ConnectionStatus", connected ? settings.connectedStatus() : settings.disconnectedStatus());
        return body.toString();
    }
}
