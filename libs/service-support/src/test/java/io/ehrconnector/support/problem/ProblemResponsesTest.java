package io.ehrconnector.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping rules, without a running application: statuses, kept headers, field names, and nothing echoed. */
class ProblemResponsesTest {

    private static final URI PATH = URI.create("/configurations/7");
    private static final String PHI = "Jane Doe 555-0100";
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ValidatorFactory validators;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        validators = Validation.buildDefaultValidatorFactory();
        validator = validators.getValidator();
    }

    @AfterAll
    static void close() {
        validators.close();
    }

    // ---- WebApplicationException -------------------------------------------------------------------------------

    @Test
    void webApplicationExceptionsKeepTheirStatusButNotTheirMessage() {
        Response response = ProblemResponses.webApplication(new NotFoundException("no appointment for " + PHI), PATH);
        assertEquals(404, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = assertInstanceOf(Problem.class, response.getEntity());
        assertEquals(ProblemType.uri("not-found"), problem.type());
        assertEquals("Not Found", problem.title());
        assertEquals(PATH, problem.instance());
        assertFalse(problem.detail().contains("Jane"), problem.detail());
    }

    @Test
    void headersThatTellTheClientWhatToDoAreKept() {
        Response notAllowed = ProblemResponses.webApplication(
                new NotAllowedException(Response.status(405).allow("GET", "PUT").type("text/plain").build()), PATH);
        assertEquals(405, notAllowed.getStatus());
        assertTrue(notAllowed.getAllowedMethods().containsAll(Set.of("GET", "PUT")), notAllowed.getAllowedMethods().toString());
        assertEquals(Problem.MEDIA_TYPE, notAllowed.getMediaType().toString());
        assertEquals(ProblemType.uri("method-not-allowed"), ((Problem) notAllowed.getEntity()).type());

        Response unavailable = ProblemResponses.webApplication(new ServiceUnavailableException(30L), PATH);
        assertEquals(503, unavailable.getStatus());
        assertEquals("30", unavailable.getHeaderString("Retry-After"));
    }

    @Test
    void redirectsAreNotProblems() {
        Response redirect = Response.status(303).location(URI.create("/elsewhere")).build();
        assertSame(redirect, ProblemResponses.webApplication(new RedirectionException(redirect), PATH));
    }

    @Test
    void anUnusualStatusStillGetsATypeAndTitle() {
        Problem teapot = ProblemResponses.forStatus(418);
        assertEquals(ProblemType.uri("http-418"), teapot.type());
        assertEquals(418, teapot.status());
        Problem gone = ProblemResponses.forStatus(410);
        assertEquals("Gone", gone.title());
    }

    @Test
    void unparsableJsonBodyIsA400WithPositionButWithoutTheInput() throws Exception {
        String body = "{\"name\": \"" + PHI + "\", oops}";
        JsonParseException parse = assertThrows(JsonParseException.class, () -> STRICT.readTree(body));
        Response response = ProblemResponses.webApplication(new BadRequestException(parse), PATH);
        assertEquals(400, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals(ProblemType.uri("malformed-body"), problem.type());
        assertTrue(problem.detail().contains("line 1"), problem.detail());
        assertFalse(problem.toString().contains("Jane"), problem.toString());
        assertFalse(problem.toString().contains("oops"), problem.toString());
    }

    // ---- JSON of the wrong shape -------------------------------------------------------------------------------

    record Item(String id, int count) {
    }

    record Order(String name, List<Item> items) {
    }

    @Test
    void unknownFieldsAreNamedAndTheirValuesAreNot() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> STRICT.readValue("{\"name\":\"a\",\"patientName\":\"" + PHI + "\"}", Order.class));
        Problem problem = ProblemResponses.jsonBody(e);
        assertEquals(ProblemType.uri("invalid-body"), problem.type());
        assertEquals(List.of(new FieldError("patientName", "is not a known field; remove it")), problem.errors());
        assertFalse(problem.toString().contains("Jane"), problem.toString());
    }

    @Test
    void aWrongTypeDeepInsideAListIsLocatedByItsPath() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> STRICT.readValue("{\"items\":[{\"id\":\"a\",\"count\":1},{\"id\":\"b\",\"count\":\"" + PHI + "\"}]}",
                        Order.class));
        Problem problem = ProblemResponses.jsonBody(e);
        assertEquals(1, problem.errors().size());
        assertEquals("items[1].count", problem.errors().get(0).field());
        assertTrue(problem.errors().get(0).message().contains("a number"), problem.errors().get(0).message());
        assertFalse(problem.toString().contains("Jane"), problem.toString());
    }

    @Test
    void aBodyOfTheWrongKindIsReportedOnTheBody() {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> STRICT.readValue("[1,2]", Order.class));
        assertEquals("(body)", ProblemResponses.jsonBody(e).errors().get(0).field());
    }

    // ---- Bean Validation ---------------------------------------------------------------------------------------

    public record Sms(@NotBlank String senderNumber) {
    }

    public record Configuration(@NotBlank String name, @Valid @NotNull Sms sms, List<@NotBlank String> scopes) {
    }

    /** Shaped like a resource method: a body, a query parameter renamed for the client, a path parameter. */
    public static class Resource {
        public String update(@RestPath @Size(min = 3) String id, @Valid Configuration body,
                             @QueryParam("page-size") @Max(50) int pageSize) {
            return id;
        }

        public @NotNull String describe() {
            return null;
        }
    }

    @Test
    void violationsNameTheFieldsTheClientSentWithoutMethodOrJavaParameterNames() throws Exception {
        Method update = Resource.class.getMethod("update", String.class, Configuration.class, int.class);
        Configuration body = new Configuration(" ", new Sms(""), List.of("ok", ""));
        Set<ConstraintViolation<Resource>> violations = validator.forExecutables()
                .validateParameters(new Resource(), update, new Object[] {"x", body, 500});

        Problem problem = ProblemResponses.violations(violations);
        assertEquals(400, problem.status());
        assertEquals(ProblemType.uri("validation-failed"), problem.type());
        List<String> fields = problem.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("id", "name", "page-size", "scopes[1]", "sms.senderNumber"), fields);
        assertTrue(problem.errors().stream().allMatch(error -> !error.message().isBlank()));
        assertFalse(ProblemResponses.hasReturnValueViolation(violations));
    }

    /** What Quarkus generates around an intercepted resource: an override without the parameter annotations. */
    public static class GeneratedSubclass extends Resource {
        @Override
        public String update(String id, Configuration body, int pageSize) {
            return super.update(id, body, pageSize);
        }
    }

    @Test
    void parameterNamesAreFoundThroughAGeneratedSubclass() throws Exception {
        Method update = GeneratedSubclass.class.getMethod("update", String.class, Configuration.class, int.class);
        Set<ConstraintViolation<GeneratedSubclass>> violations = validator.forExecutables().validateParameters(
                new GeneratedSubclass(), update, new Object[] {"abcd", new Configuration("n", new Sms("s"), List.of()), 51});
        assertEquals(List.of("page-size"), ProblemResponses.violations(violations).errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aBeanValidatedOnItsOwnIsNamedByItsPropertyPath() {
        Set<ConstraintViolation<Configuration>> violations = validator.validate(new Configuration("n", null, List.of()));
        assertEquals(List.of(new FieldError("sms", "must not be null")), ProblemResponses.violations(violations).errors());
    }

    @Test
    void returnValueViolationsAreRecognisedAsServerBugs() throws Exception {
        Method describe = Resource.class.getMethod("describe");
        Set<ConstraintViolation<Resource>> violations = validator.forExecutables()
                .validateReturnValue(new Resource(), describe, null);
        assertEquals(1, violations.size());
        assertTrue(ProblemResponses.hasReturnValueViolation(violations));
    }

    // ---- unexpected --------------------------------------------------------------------------------------------

    @Test
    void unexpectedFailuresCarryTheErrorIdAndAFixedDetail() {
        Problem problem = ProblemResponses.unexpected("abc-123");
        assertEquals(500, problem.status());
        assertEquals(ProblemType.uri("internal-error"), problem.type());
        assertEquals("abc-123", problem.errorId());
        assertTrue(problem.detail().contains("abc-123"));
    }

    @Test
    void theOriginIsTheInnermostThrowingLocationWithoutAMessage() {
        WebApplicationException outer = new WebApplicationException(new IllegalStateException(PHI));
        String origin = ProblemResponses.origin(outer);
        assertTrue(origin.startsWith(ProblemResponsesTest.class.getName() + "."), origin);
        assertFalse(origin.contains("Jane"), origin);
    }
}
