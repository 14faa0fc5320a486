package io.ehrconnector.hl7ingest;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * RFC 9457 problem details from a running service (service-support's mappers, proven here because a library has no
 * application of its own): status, {@code application/problem+json}, type, and nothing of the failure's data echoed.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class ProblemDetailsTest {

    private static final String BASE = "/test/problems";
    private static final String TYPES = "https://ehr-connector.io/problems/";

    @Test
    void aProblemExceptionIsServedAsThrown() {
        problem(given().get(BASE + "/conflict"), 409, "configuration-changed")
                .body("title", equalTo("Configuration changed"))
                .body("detail", containsString("reload it"))
                .body("instance", equalTo(BASE + "/conflict"));
    }

    @Test
    void aFailedUniIsMappedTheSameWay() {
        problem(given().get(BASE + "/uni-not-found"), 404, "configuration-not-found");
    }

    @Test
    void webApplicationExceptionsKeepTheirStatusButNotTheirMessage() {
        problem(given().get(BASE + "/jaxrs-not-found"), 404, "not-found")
                .body(not(containsString("Jane")));
    }

    @Test
    void anUnknownPathUnderTheApiIsANotFoundProblem() {
        problem(given().get(BASE + "/no-such-thing"), 404, "not-found");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        problem(given().delete(BASE + "/visits"), 405, "method-not-allowed");
    }

    @Test
    void anUnsupportedContentTypeIsA415Problem() {
        problem(given().contentType("text/plain").body("room 1").post(BASE + "/visits"), 415, "unsupported-media-type");
    }

    @Test
    void anUnacceptableAcceptHeaderIsA406Problem() {
        problem(given().accept("application/xml").get(BASE + "/visits"), 406, "not-acceptable");
    }

    @Test
    void bodyAndParameterViolationsAreFieldErrorsNamedAsTheClientSentThem() {
        problem(given().contentType("application/json").queryParam("page-size", 500)
                .body("{\"room\":\" \",\"minutes\":5,\"sms\":{\"senderNumber\":\"\"}}")
                .post(BASE + "/visits"), 400, "validation-failed")
                .body("errors.field", hasItems("room", "sms.senderNumber", "page-size"))
                .body("errors.message", not(hasItems(emptyOrNullString())));
    }

    @Test
    void unparsableJsonIsA400ProblemThatDoesNotEchoTheInput() {
        problem(given().contentType("application/json").body("{\"room\": \"" + ProblemThrowingResource.SECRET + "\", ")
                .post(BASE + "/visits"), 400, "malformed-body")
                .body(not(containsString("Jane")));
    }

    @Test
    void jsonOfTheWrongShapeNamesTheFieldButNotTheValue() {
        problem(given().contentType("application/json")
                .body("{\"room\":\"r1\",\"minutes\":\"" + ProblemThrowingResource.SECRET + "\",\"sms\":{\"senderNumber\":\"+15550100\"}}")
                .post(BASE + "/visits"), 400, "invalid-body")
                .body("errors[0].field", equalTo("minutes"))
                .body(not(containsString("Jane")));
    }

    @Test
    void securityExceptionsFromEndpointsAre401And403Problems() {
        problem(given().get(BASE + "/unauthorized"), 401, "unauthorized").body(not(containsString("Jane")));
        problem(given().get(BASE + "/authentication-failed"), 401, "unauthorized").body(not(containsString("Jane")));
        problem(given().get(BASE + "/forbidden"), 403, "forbidden").body(not(containsString("Jane")));
    }

    @Test
    void anUnexpectedFailureIsA500WithAnErrorIdAndWithoutTheMessage() {
        for (String path : new String[] {"/boom", "/uni-boom"}) {
            problem(given().get(BASE + path), 500, "internal-error")
                    .body("errorId", not(emptyOrNullString()))
                    .body(not(containsString("Jane")))
                    .body(not(containsString("4455667")))
                    .body(not(containsString("IllegalStateException")));
        }
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then()
                .statusCode(status)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo(TYPES + type))
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()));
    }
}
