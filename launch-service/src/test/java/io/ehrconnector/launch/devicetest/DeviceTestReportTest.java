package io.ehrconnector.launch.devicetest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.approvedConfiguration;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.awaitEvent;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.configuration;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.data;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.outboxEventsOf;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device-test page's address and its report endpoint over HTTP: what is served for which address, what a report
 * publishes (through the outbox, on the real broker) and every report that is refused with problem details and publishes
 * nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DeviceTestReportTest {

    private static final String ALL_PASSED =
            "{\"camera\":\"PASSED\",\"microphone\":\"PASSED\",\"speaker\":\"PASSED\",\"browser\":\"SUPPORTED\"}";

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    // ---- the page ----------------------------------------------------------------------------------------------------

    @Test
    void theAddressOfAnApprovedConfigurationServesThePageUnderAStrictPolicy() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        Response page = given().get("/device-test/test/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.asString().contains("src=\"../device-test.js\""));
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"), policy);
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("camera=(self), microphone=(self)", page.header("Permissions-Policy"));
        assertNull(page.header("Set-Cookie"), "the device test needs no cookie");

        Response script = given().get("/device-test/device-test.js");
        assertEquals(200, script.statusCode());
        assertEquals("no-cache", script.header("Cache-Control"));
        assertEquals("nosniff", script.header("X-Content-Type-Options"));
        assertEquals(200, given().get("/device-test/device-test.css").statusCode());
    }

    @Test
    void aTrailingSlashIsRedirectedAwaySoThePagesRelativeScriptStillResolves() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        Response slashed = given().redirects().follow(false).get("/device-test/test/" + id + "/");
        assertEquals(308, slashed.statusCode());
        assertEquals("../" + id, slashed.header("Location"));
    }

    @Test
    void anyOtherAddressIsAPageThatSaysTheLinkDoesNotWork() {
        String approvedTest = approvedConfiguration(kafka, Environment.TEST);
        String pending = configuration(kafka, Environment.TEST, ConfigurationSnapshot.Status.PENDING_APPROVAL);
        for (String path : new String[] {"/device-test/production/" + approvedTest, "/device-test/staging/" + approvedTest,
                "/device-test/test/" + pending, "/device-test/test/" + UUID.randomUUID(),
                "/device-test/test/" + approvedTest.toUpperCase(), "/device-test/test/not-a-configuration"}) {
            Response page = given().get(path);
            assertEquals(404, page.statusCode(), path);
            assertTrue(page.contentType().startsWith("text/html"), path);
            assertTrue(page.asString().contains("This device test link does not work"), path);
            assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'none'"), path);
        }
    }

    // ---- reports that are published ----------------------------------------------------------------------------------

    @Test
    void aReportForAnAppointmentIsPublishedWithADeviceTestLaunchOfThatVisit() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        report("test", id, "{\"camera\":\"PASSED\",\"microphone\":\"PERMISSION_DENIED\",\"speaker\":\"FAILED\","
                + "\"browser\":\"SUPPORTED\",\"appointmentId\":\"CSN-4711\"}").then().statusCode(202);

        ConsumerRecord<String, String> reported = awaitEvent(kafka, EventType.DEVICE_TEST_REPORTED, id);
        assertEquals(id + "/CSN-4711", reported.key());
        JsonNode outcome = data(reported);
        assertEquals(id, outcome.path("configurationId").asText());
        assertEquals("CSN-4711", outcome.path("appointmentId").asText());
        assertEquals("PASSED", outcome.path("camera").asText());
        assertEquals("PERMISSION_DENIED", outcome.path("microphone").asText());
        assertEquals("FAILED", outcome.path("speaker").asText());
        assertEquals("SUPPORTED", outcome.path("browser").asText());

        ConsumerRecord<String, String> launched = awaitEvent(kafka, EventType.VISIT_LAUNCHED, id);
        assertEquals(id + "/CSN-4711", launched.key());
        JsonNode launch = data(launched);
        assertEquals("DEVICE_TEST", launch.path("channel").asText());
        assertEquals("CSN-4711", launch.path("appointmentId").asText());
        assertTrue(launch.path("meetingId").isNull() || launch.path("meetingId").isMissingNode(), launch.toString());
        assertTrue(launch.path("ehrUserId").isNull() || launch.path("ehrUserId").isMissingNode(), launch.toString());
    }

    @Test
    void aReportOutsideAnyVisitIsKeyedByTheConfigurationAndAReplayIsJustAnotherRun() {
        String id = approvedConfiguration(kafka, Environment.PRODUCTION);
        report("production", id, ALL_PASSED).then().statusCode(202);
        report("production", id, ALL_PASSED).then().statusCode(202);

        ConsumerRecord<String, String> reported = awaitEvent(kafka, EventType.DEVICE_TEST_REPORTED, id);
        assertEquals(id, reported.key());
        assertTrue(data(reported).path("appointmentId").isMissingNode() || data(reported).path("appointmentId").isNull());
        assertEquals(4, outboxEventsOf(id), "two runs, each a launch and a report");
    }

    // ---- reports that are refused --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON            | {"camera":"PASSED",                                                                 | 400 | malformed-body
            an unknown outcome  | {"camera":"WORKING","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED"} | 400 | invalid-body
            lower case          | {"camera":"passed","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED"}  | 400 | invalid-body
            an outcome number   | {"camera":0,"microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED"}         | 400 | invalid-body
            a device label      | {"camera":"PASSED","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED","cameraLabel":"FaceTime HD"} | 400 | invalid-body
            a missing outcome   | {"camera":"PASSED","microphone":"PASSED","browser":"SUPPORTED"}                     | 400 | validation-failed
            a null outcome      | {"camera":"PASSED","microphone":"PASSED","speaker":null,"browser":"SUPPORTED"}      | 400 | validation-failed
            a bad appointment   | {"camera":"PASSED","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED","appointmentId":"<b>1</b>"} | 400 | validation-failed
            a second object     | {"camera":"PASSED","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED"} {} | 400 | invalid-body
            a repeated field    | {"camera":"PASSED","camera":"FAILED","microphone":"PASSED","speaker":"PASSED","browser":"SUPPORTED"} | 400 | malformed-body
            not an object       | `null`                                                                              | 400 | invalid-body
            """)
    void aMalformedReportIsRefusedWithProblemDetailsAndPublishesNothing(String what, String body, int status, String type) {
        String id = approvedConfiguration(kafka, Environment.TEST);
        assertRefused(report("test", id, body), status, type);
        assertEquals(0, outboxEventsOf(id), what);
    }

    @Test
    void anOversizedReportIsRefusedBeforeItIsRead() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        String padded = ALL_PASSED.replace("{", "{" + " ".repeat(DeviceTestReportReader.MAX_BYTES));
        assertRefused(report("test", id, padded), 413, "report-too-large");
        assertEquals(0, outboxEventsOf(id));
    }

    @Test
    void aReportForAnAddressThatIsNoDeviceTestIsNotFoundAndPublishesNothing() {
        String approvedTest = approvedConfiguration(kafka, Environment.TEST);
        String pending = configuration(kafka, Environment.TEST, ConfigurationSnapshot.Status.PENDING_APPROVAL);
        String unknown = UUID.randomUUID().toString();
        assertRefused(report("production", approvedTest, ALL_PASSED), 404, "device-test-not-found");
        assertRefused(report("staging", approvedTest, ALL_PASSED), 404, "device-test-not-found");
        assertRefused(report("test", pending, ALL_PASSED), 404, "device-test-not-found");
        assertRefused(report("test", unknown, ALL_PASSED), 404, "device-test-not-found");
        for (String id : new String[] {approvedTest, pending, unknown}) {
            assertEquals(0, outboxEventsOf(id), id);
        }
    }

    @Test
    void aReportThatIsNotJsonIsRefused() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        Response refused = given().contentType(ContentType.TEXT).body(ALL_PASSED).post("/device-test/test/" + id + "/report");
        assertRefused(refused, 415, "unsupported-media-type");
        assertEquals(0, outboxEventsOf(id));
    }

    private static Response report(String environment, String configurationId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/device-test/" + environment + "/" + configurationId + "/report");
    }

    private static void assertRefused(Response response, int status, String type) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith(Problem.MEDIA_TYPE), response.contentType());
        assertEquals("https://ehr-connector.io/problems/" + type, response.jsonPath().getString("type"), response.asString());
    }
}
