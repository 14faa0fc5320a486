package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Graph's meeting call events, as Microsoft documents them for notifications without encrypted data. */
class RosterChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void aRosterUpdateIsReadInAnyLetterCaseWithoutItsDisplayNames() throws Exception {
        JsonNode resourceData = JSON.readTree("""
                {
                  "@odata.type": "#Microsoft.Graph.onlineMeeting",
                  "@odata.id": "communications/onlineMeetings?$filter=joinWebUrl+eq+'x'",
                  "id": "communications/onlineMeetings?$filter=joinWebUrl+eq+'x'",
                  "eventType": "Microsoft.Communication.CallRosterUpdate",
                  "eventDateTime": "2022-02-28T00:00:00.0000000Z",
                  "activeParticipants@joined": [
                    {"Id": "a4d67b60-56a5-4202-9f1c-f123ff40621e",
                     "Identity": {"User": {"Id": "f92ca67f-0564-414b-8caa-8c95b8099928", "DisplayName": "user display name",
                                           "TenantId": "85045508-f5bd-405e-a553-52700f86e29c"}}}
                  ],
                  "activeParticipants@exited": [
                    {"id": "11141402-1b62-4795-b540-4ffee8544231",
                     "identity": {"azureCommunicationServicesUser": {"azureCommunicationServicesResourceId": "534c",
                                  "id": "8:acs:534c_28f0", "displayName": "acs user display name"}}}
                  ]
                }
                """);

        RosterChange change = RosterChange.read(resourceData).orElseThrow();

        assertEquals(RosterChange.Type.ROSTER_UPDATE, change.type());
        assertEquals(OffsetDateTime.parse("2022-02-28T00:00:00Z"), change.at());
        assertEquals(List.of(new CallParticipant("a4d67b60-56a5-4202-9f1c-f123ff40621e", new CallIdentity(
                CallIdentity.Kind.USER, "f92ca67f-0564-414b-8caa-8c95b8099928", "85045508-f5bd-405e-a553-52700f86e29c"))),
                change.joined());
        assertEquals(List.of(new CallParticipant("11141402-1b62-4795-b540-4ffee8544231", new CallIdentity(
                CallIdentity.Kind.ACS_USER, "8:acs:534c_28f0", null))), change.exited());
        assertFalse(JSON.writeValueAsString(change).contains("display name"));
        assertEquals(change, JSON.readValue(JSON.writeValueAsString(change), RosterChange.class));
    }

    @Test
    void theEndOfTheCallIsAChangeAndItsStartIsNone() throws Exception {
        assertEquals(RosterChange.Type.CALL_ENDED, RosterChange.read(JSON.readTree("""
                {"eventType": "Microsoft.Communication.CallEnded", "eventDateTime": "2022-02-28T00:30:00Z",
                 "state": "inactive"}""")).orElseThrow().type());
        assertEquals(Optional.empty(), RosterChange.read(JSON.readTree("""
                {"eventType": "Microsoft.Communication.CallStarted", "eventDateTime": "2022-02-28T00:00:00Z"}""")));
    }

    @Test
    void whatIsNoCallEventIsRefusedWithoutQuotingIt() throws Exception {
        for (String unreadable : List.of("{}", "{\"eventType\": \"secret-value\"}",
                "{\"eventType\": \"Microsoft.Communication.CallEnded\", \"eventDateTime\": \"secret-value\"}",
                "{\"eventType\": \"Microsoft.Communication.CallRosterUpdate\", \"eventDateTime\": \"2022-02-28T00:00:00Z\","
                        + " \"activeParticipants@joined\": [{\"Identity\": {}}]}")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RosterChange.read(JSON.readTree(unreadable)));
            assertFalse(refused.getMessage().contains("secret-value"));
        }
        assertTrue(new CallIdentity(CallIdentity.Kind.USER, "x", "C0C0").isUserOf("c0c0"));
    }
}
