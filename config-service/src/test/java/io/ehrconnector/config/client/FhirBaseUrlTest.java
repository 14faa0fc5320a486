package io.ehrconnector.config.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 1 and 2 of the probe: syntax, normalisation and the FHIR release named by the path. No network. */
class FhirBaseUrlTest {

    @ParameterizedTest
    @CsvSource({
            "https://fhir.hospital.org/interconnect-fhir-oauth/api/FHIR/R4, https://fhir.hospital.org/interconnect-fhir-oauth/api/FHIR/R4, R4",
            "'  HTTPS://FHIR.Hospital.ORG:443/interconnect-fhir-oauth/api/FHIR/R4/  ', https://fhir.hospital.org/interconnect-fhir-oauth/api/FHIR/R4, R4",
            "https://fhir.hospital.org:8443/api/FHIR/r4//, https://fhir.hospital.org:8443/api/FHIR/r4, R4",
            "https://fhir.hospital.org/api/FHIR/DSTU2, https://fhir.hospital.org/api/FHIR/DSTU2, DSTU2",
            "https://fhir.hospital.org/api/FHIR/dstu2, https://fhir.hospital.org/api/FHIR/dstu2, DSTU2",
            "https://fhir.hospital.org/api/./old/../FHIR/R4, https://fhir.hospital.org/api/FHIR/R4, R4",
            "https://[::1]:9443/api/FHIR/R4, https://[::1]:9443/api/FHIR/R4, R4"
    })
    void acceptedUrlsAreNormalised(String entered, String normalised, FhirVersion version) {
        FhirBaseUrl url = FhirBaseUrl.parse(entered);
        assertEquals(normalised, url.url());
        assertEquals(version, url.version());
    }

    @Test
    void plainHttpIsRefusedWithTheFix() {
        ProbeProblem problem = problem("http://fhir.hospital.org/api/FHIR/R4");
        assertEquals(ProbeProblem.Code.NOT_HTTPS, problem.code());
        assertTrue(problem.message().contains("https:// address Epic publishes"), problem.message());
    }

    @Test
    void otherSchemesAreRefused() {
        assertEquals(ProbeProblem.Code.NOT_HTTPS, problem("ftp://fhir.hospital.org/api/FHIR/R4").code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://fhir.hospital.org/api/FHIR/R4?_format=json | query",
            "https://fhir.hospital.org/api/FHIR/R4#top | fragment",
            "https://admin:secret@fhir.hospital.org/api/FHIR/R4 | user name",
            "fhir.hospital.org/api/FHIR/R4 | https://",
            "https:fhir.hospital.org/api/FHIR/R4 | https://",
            "https://fhir hospital.org/api/FHIR/R4 | spaces",
            "https://fhir.hospital.org/api/FHIR/R4/%zz | not a valid URL"
    })
    void malformedUrlsSayWhatToRemoveOrAdd(String entered, String hint) {
        ProbeProblem problem = problem(entered);
        assertEquals(ProbeProblem.Code.INVALID_URL, problem.code());
        assertTrue(problem.message().contains(hint), problem.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyEntryAsksForTheUrlWithAnExample(String entered) {
        ProbeProblem problem = problem(entered);
        assertEquals(ProbeProblem.Code.INVALID_URL, problem.code());
        assertTrue(problem.message().contains("/api/FHIR/R4"), problem.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://fhir.hospital.org/api/FHIR | /R4 or /DSTU2",
            "https://fhir.hospital.org | no path",
            "https://fhir.hospital.org/api/FHIR/R4/metadata | remove the /metadata",
            "https://fhir.hospital.org/api/FHIR/STU3 | R4 and DSTU2 only",
            "https://fhir.hospital.org/api/FHIR/R4/Patient | /R4 or /DSTU2"
    })
    void otherPathEndingsNameTheAcceptedForms(String entered, String hint) {
        ProbeProblem problem = problem(entered);
        assertEquals(ProbeProblem.Code.UNSUPPORTED_VERSION_PATH, problem.code());
        assertTrue(problem.message().contains(hint), problem.message());
        assertTrue(problem.message().contains("/api/FHIR/R4"), "names Epic's form: " + problem.message());
    }

    private static ProbeProblem problem(String entered) {
        return assertThrows(FhirBaseUrl.Invalid.class, () -> FhirBaseUrl.parse(entered)).problem();
    }
}
