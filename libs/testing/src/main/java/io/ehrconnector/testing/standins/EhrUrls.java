package io.ehrconnector.testing.standins;

/** The URLs of the EHR stand-in, laid out like an Epic instance: OAuth under /oauth2, FHIR R4 under /api/FHIR/R4. */
record EhrUrls(String base) {

    static final String FHIR_PATH = "/api/FHIR/R4";

    String fhirBase() {
        return base + FHIR_PATH;
    }

    String authorize() {
        return base + "/oauth2/authorize";
    }

    String token() {
        return base + "/oauth2/token";
    }

    String jwks() {
        return base + "/oauth2/jwks";
    }
}
