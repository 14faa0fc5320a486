package io.ehrconnector.launch.meeting;

import io.ehrconnector.events.ConfigurationSnapshot;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VisitMeetingRequestTest {

    private static final String CONFIGURATION = "6f1c2a8e-4b7d-4e0a-9c3f-2d5e8a1b7c90";

    @Test
    void theSubjectNamesTheHospitalAtMost() {
        assertEquals("Virtual visit", VisitMeetingRequest.subject(configuration(null)));
        assertEquals("Virtual visit", VisitMeetingRequest.subject(configuration("  ")));
        assertEquals("Virtual visit - Contoso Hospital", VisitMeetingRequest.subject(configuration(" Contoso Hospital ")));
    }

    private static ConfigurationSnapshot configuration(String organizationName) {
        return new ConfigurationSnapshot(CONFIGURATION, "c0c0c0c0-1111-4000-8000-000000000000",
                ConfigurationSnapshot.Environment.PRODUCTION, "https://fhir.example.org/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, 3, organizationName, "America/Chicago", null, null, OffsetDateTime.now());
    }
}
