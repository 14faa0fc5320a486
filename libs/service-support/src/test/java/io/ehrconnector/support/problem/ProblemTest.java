package io.ehrconnector.support.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serialisesTheRfc9457MembersAndLeavesEmptyOnesOut() throws Exception {
        Problem problem = Problem.of(404, "configuration-not-found", "Configuration not found", "List /configurations.")
                .withInstance(URI.create("/configurations/42"));
        JsonNode json = JSON.readTree(JSON.writeValueAsString(problem));
        assertEquals("https://ehr-connector.io/problems/configuration-not-found", json.get("type").asText());
        assertEquals("Configuration not found", json.get("title").asText());
        assertEquals(404, json.get("status").asInt());
        assertEquals("List /configurations.", json.get("detail").asText());
        assertEquals("/configurations/42", json.get("instance").asText());
        assertFalse(json.has("errors"), json.toString());
        assertFalse(json.has("errorId"), json.toString());
    }

    @Test
    void fieldErrorsAndErrorIdAreExtensionMembers() throws Exception {
        Problem problem = Problem.of(422, "invalid-configuration", "Invalid configuration", "Fix the fields.")
                .withErrors(List.of(new FieldError("fhirBaseUrl", "must use https")))
                .withErrorId("e-1");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(problem));
        assertEquals("fhirBaseUrl", json.at("/errors/0/field").asText());
        assertEquals("must use https", json.at("/errors/0/message").asText());
        assertEquals("e-1", json.get("errorId").asText());
    }

    @Test
    void typeSlugsAreCheckedSoFullUrisOrSpacesCannotSlipIn() {
        assertEquals(URI.create("https://ehr-connector.io/problems/not-found"), ProblemType.uri("not-found"));
        assertThrows(IllegalArgumentException.class, () -> ProblemType.uri("https://example.com/x"));
        assertThrows(IllegalArgumentException.class, () -> ProblemType.uri("Not Found"));
        assertThrows(IllegalArgumentException.class, () -> ProblemType.uri(""));
    }

    @Test
    void onlyErrorStatusesMakeProblems() {
        assertThrows(IllegalArgumentException.class, () -> Problem.of(200, "ok", "OK", null));
        assertThrows(IllegalArgumentException.class, () -> Problem.of(302, "found", "Found", null));
    }

    @Test
    void exceptionFactoriesCarryStatusTypeAndFieldErrors() {
        assertEquals(400, ProblemException.badRequest("bad-thing", "Bad", "d").problem().status());
        assertEquals(403, ProblemException.forbidden("not-yours", "Forbidden", "d").problem().status());
        assertEquals(404, ProblemException.notFound("missing", "Missing", "d").problem().status());
        assertEquals(409, ProblemException.conflict("already-approved", "Conflict", "d").problem().status());
        ProblemException unprocessable = ProblemException.unprocessable("invalid-fhir-url", "Invalid FHIR URL", "d",
                List.of(new FieldError("fhirBaseUrl", "use https")));
        assertEquals(422, unprocessable.problem().status());
        assertEquals(URI.create("https://ehr-connector.io/problems/invalid-fhir-url"), unprocessable.problem().type());
        assertEquals(List.of(new FieldError("fhirBaseUrl", "use https")), unprocessable.problem().errors());
    }

    @Test
    void theExceptionMessageIsTheTitleAndNoStackIsRecorded() {
        IllegalStateException cause = new IllegalStateException("patient Jane Doe");
        ProblemException exception = new ProblemException(Problem.of(503, "ehr-unavailable", "EHR unavailable", "Retry."), cause);
        assertEquals("EHR unavailable", exception.getMessage());
        assertSame(cause, exception.getCause());
        assertEquals(0, exception.getStackTrace().length);
        assertNull(ProblemException.conflict("c", "t", "d").getCause());
        assertTrue(ProblemException.conflict("c", "t", "d").getSuppressed().length == 0);
    }
}
