package io.ehrconnector.hl7ingest.https;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.hl7ingest.MllpTlsResource;
import io.ehrconnector.hl7ingest.SiuCorpus;
import io.ehrconnector.hl7ingest.intake.RefusedFrames;
import io.ehrconnector.testing.EhrInterfaceIdentity;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HL7 over HTTPS against the running service, the real broker and database: a signed message is acknowledged AA once its
 * event is on the topic; missing, forged, old and replayed signatures get 401 problem details and a dead letter, and no
 * event; the environment in the path must be the certificate's.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = MllpTlsResource.class, scope = TestResourceScope.GLOBAL)
class Hl7PostTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EhrInterfaceIdentity EPIC = EhrInterfaceIdentity.ec("epic-https");
    private static final String CONFIGURATION = UUID.randomUUID().toString();
    private static KafkaTestClient kafka;

    @BeforeAll
    static void approved() {
        kafka = KafkaTestClient.ofSharedBroker();
        ApprovedConfigurationFixture.approve(kafka, CONFIGURATION, UUID.randomUUID().toString(), Environment.TEST,
                List.of(EPIC.asUploaded()));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aSignedMessageIsAcknowledgedOnceItsEventIsOnTheTopicAndItsSignatureCannotBeReplayed() {
        String controlId = "HTTPS-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = message(controlId);
        String signature = EPIC.sign(body);

        post("test", signature, body).statusCode(200)
                .contentType(containsString("application/hl7-v2"))
                .body(containsString("MSA|AA|" + controlId));
        assertTrue(kafka.awaitRecord(Topics.APPOINTMENTS, r -> r.value().contains(controlId)
                && r.key().startsWith(CONFIGURATION + "/"), WAIT).isPresent());

        post("test", signature, body).statusCode(401)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://ehr-connector.io/problems/signature-replayed"));
        assertDeadLetter("signature-replayed");

        post("test", EPIC.sign(body), body).statusCode(200).body(containsString("MSA|AA|" + controlId));
        assertEquals(1, kafka.readAll(Topics.APPOINTMENTS).stream().filter(r -> r.value().contains(controlId)).count(),
                "a resend signed anew is acknowledged without a second event");
    }

    @Test
    void missingForgedAndOldSignaturesAreRefusedWithoutAnEvent() {
        String controlId = "HTTPS-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = message(controlId);

        given().contentType("application/hl7-v2").body(body).post("/hl7/test").then().statusCode(401)
                .header("WWW-Authenticate", containsString("ehr-signature"))
                .body("type", equalTo("https://ehr-connector.io/problems/signature-missing"));
        EhrInterfaceIdentity forger = EhrInterfaceIdentity.ec("forger");
        String forged = EPIC.sign(body).split("\\.")[0] + ".." + forger.sign(body).split("\\.")[2];
        post("test", forged, body).statusCode(401)
                .body("type", equalTo("https://ehr-connector.io/problems/signature-invalid"));
        post("test", EPIC.sign(body, Instant.now().minus(Duration.ofMinutes(10)), UUID.randomUUID().toString()), body)
                .statusCode(401).body("type", equalTo("https://ehr-connector.io/problems/signature-expired"));
        post("production", EPIC.sign(body), body).statusCode(401)
                .body("type", equalTo("https://ehr-connector.io/problems/signature-unknown-certificate"));

        assertDeadLetter("signature-invalid");
        assertTrue(kafka.readAll(Topics.APPOINTMENTS).stream().noneMatch(r -> r.value().contains(controlId)));
    }

    @Test
    void aRefusalIsAnsweredEvenWhenMsh15AsksOnlyForSuccessAcknowledgements() {
        String controlId = "HTTPS-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|")
                .replace("|AL|NE", "|SU|NE").replace("|Booked", "|Maybe").getBytes(StandardCharsets.UTF_8);

        post("test", EPIC.sign(body), body).statusCode(200).body(containsString("MSA|CE|" + controlId));
    }

    @Test
    void aSignedButUnparseableBodyIsAnsweredArAndAnOversizedOne413() {
        byte[] garbage = "not hl7 at all".getBytes(StandardCharsets.UTF_8);
        post("test", EPIC.sign(garbage), garbage).statusCode(200).body(containsString("MSA|AR"));

        byte[] big = (new String(message("BIG-1"), StandardCharsets.UTF_8) + "\rNTE|1||" + "x".repeat(70_000))
                .getBytes(StandardCharsets.UTF_8);
        post("test", EPIC.sign(big), big).statusCode(413)
                .body("type", equalTo("https://ehr-connector.io/problems/message-too-large"));
        post("staging", EPIC.sign(garbage), garbage).statusCode(404);
    }

    private static ValidatableResponse post(String environment, String signature, byte[] body) {
        return given().contentType("application/hl7-v2").header(Hl7PostResource.SIGNATURE_HEADER, signature).body(body)
                .post("/hl7/" + environment).then();
    }

    private static void assertDeadLetter(String type) {
        assertTrue(kafka.awaitRecord(RefusedFrames.TOPIC, r -> KafkaTestClient.header(r, RefusedFrames.SENDER_HEADER)
                .startsWith("https ") && KafkaTestClient.header(r, "dead-letter-reason").endsWith(type), WAIT).isPresent(),
                "dead letter for " + type);
    }

    private static byte[] message(String controlId) {
        return SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|").replace("|AL|NE", "||")
                .getBytes(StandardCharsets.UTF_8);
    }
}
