package io.ehrconnector.launch.meeting;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetingOrganizersTest {

    private static final String TENANT_A = "c0c0c0c0-1111-4000-8000-000000000000";
    private static final String TENANT_B = "fab0fab0-2222-4000-8000-000000000000";
    private static final String ORGANIZER_A = "11111111-c0c0-4000-8000-0000000000a1";
    private static final String ORGANIZER_B = "22222222-fab0-4000-8000-0000000000a1";

    @Test
    void eachTenantHasItsOrganizer() {
        MeetingOrganizers organizers = new MeetingOrganizers(" " + TENANT_A + ":" + ORGANIZER_A + " , "
                + TENANT_B.toUpperCase() + ":" + ORGANIZER_B);
        assertEquals(ORGANIZER_A, organizers.organizerOf(TENANT_A));
        assertEquals(ORGANIZER_B, organizers.organizerOf(TENANT_B));
        assertEquals(ORGANIZER_A, organizers.organizerOf(TENANT_A.toUpperCase()));
    }

    @Test
    void aTenantNotListedHasNone() {
        NoOrganizerException none = assertThrows(NoOrganizerException.class,
                () -> new MeetingOrganizers(TENANT_A + ":" + ORGANIZER_A).organizerOf(TENANT_B));
        assertEquals(TENANT_B, none.tenantId());
        assertThrows(NoOrganizerException.class, () -> new MeetingOrganizers("").organizerOf(TENANT_A));
    }

    @Test
    void malformedValuesAreRefusedSayingWhichEntryWithoutQuotingIt() {
        String secretLooking = "s3cr3t~value";
        for (String value : new String[] {
                TENANT_A + ":" + ORGANIZER_A + "," + secretLooking,
                TENANT_A + ":" + ORGANIZER_A + ",",
                TENANT_A + "=" + ORGANIZER_A,
                TENANT_A + ":" + ORGANIZER_A + ":" + ORGANIZER_B,
                "contoso.onmicrosoft.com:" + ORGANIZER_A,
                TENANT_A + ":provider@contoso.onmicrosoft.com"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new MeetingOrganizers(value),
                    value);
            assertTrue(refused.getMessage().startsWith("ehr.graph.organizers: entry "), refused.getMessage());
            assertFalse(refused.getMessage().contains(secretLooking) || refused.getMessage().contains(ORGANIZER_A),
                    refused.getMessage());
        }
    }

    @Test
    void aTenantListedTwiceIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new MeetingOrganizers(TENANT_A + ":" + ORGANIZER_A + "," + TENANT_A + ":" + ORGANIZER_B));
        assertTrue(refused.getMessage().contains("entry 2"), refused.getMessage());
    }
}
