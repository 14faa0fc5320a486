package io.ehrconnector.support.configuration;

import io.ehrconnector.events.ConfigurationSnapshot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParsedSnapshotsTest {

    private static final String ID = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04";

    @Test
    void theSameStoredJsonIsParsedOnce() {
        KnownConfiguration stored = known(snapshotJson(7, "FHIR_AUDIT_EVENT"));

        assertSame(stored.snapshot(), stored.snapshot());
        assertSame(stored.snapshot(), known(snapshotJson(7, "FHIR_AUDIT_EVENT")).snapshot());
    }

    @Test
    void aChangedSnapshotIsParsedAgain() {
        assertEquals(ConfigurationSnapshot.EhrWriteBack.FHIR_AUDIT_EVENT,
                known(snapshotJson(8, "FHIR_AUDIT_EVENT")).snapshot().ehrWriteBack());

        ConfigurationSnapshot changed = known(snapshotJson(9, "EPIC_CONNECTION_STATUS")).snapshot();

        assertEquals(9, changed.version());
        assertEquals(ConfigurationSnapshot.EhrWriteBack.EPIC_CONNECTION_STATUS, changed.ehrWriteBack());
    }

    @Test
    void aSnapshotThatDoesNotParseSaysWhichConfiguration() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> known("{\"version\":").snapshot());

        assertEquals("stored snapshot of configuration " + ID + " does not parse", failure.getMessage());
    }

    private static KnownConfiguration known(String json) {
        KnownConfiguration known = new KnownConfiguration();
        known.configurationId = ID;
        known.snapshotJson = json;
        return known;
    }

    private static String snapshotJson(long version, String ehrWriteBack) {
        return """
                {"configurationId":"%s","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","environment":"PRODUCTION",
                 "fhirBaseUrl":"https://fhir.example-health.org/api/FHIR/R4","status":"APPROVED","version":%d,
                 "organizationName":"Example Health","timeZone":"America/Chicago","ehrCertificates":[],
                 "updatedAt":"2026-02-11T16:05:12.481Z","ehrWriteBack":"%s"}""".formatted(ID, version, ehrWriteBack);
    }
}
