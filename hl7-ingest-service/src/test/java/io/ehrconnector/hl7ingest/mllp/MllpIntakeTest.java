package io.ehrconnector.hl7ingest.mllp;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.hl7ingest.SiuCorpus;
import io.ehrconnector.hl7ingest.intake.RefusedFrames;
import io.ehrconnector.support.phone.PhoneCipher;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real MLLP client (HAPI's) against the running service with the real broker and database: AA only once the event is on
 * the topic, a resend answered without a second event, AE/AR with the reason for what cannot be taken, each refusal on the
 * dead-letter topic, and the connection still usable afterwards. The plain listener is bound to one configuration in the test
 * profile ({@code ehr.hl7.mllp.plain-configuration-id}).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class MllpIntakeTest {

    private static final String CONFIGURATION = "00000000-0000-4000-8000-00000000a17c";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HapiContext hapi;
    private static KafkaTestClient kafka;

    @Inject
    MllpServer server;

    @Inject
    PhoneCipher cipher;

    @BeforeAll
    static void clients() {
        hapi = new DefaultHapiContext();
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void close() throws IOException {
        hapi.close();
        kafka.close();
    }

    @BeforeEach
    void theConfigurationIsApproved() {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(CONFIGURATION, UUID.randomUUID().toString(),
                ConfigurationSnapshot.Environment.TEST, "https://ehr.example.org/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, System.currentTimeMillis(), "Northwind Health", "America/Chicago",
                null, List.of(), OffsetDateTime.now(ZoneOffset.UTC));
        kafka.send(CONFIGURATION, CloudEvent.of(EventType.CONFIGURATION_PUBLISHED, CloudEvent.serviceSource("config-service"),
                CONFIGURATION, OffsetDateTime.now(ZoneOffset.UTC), snapshot));
        Awaitility.await().atMost(WAIT).until(() -> "APPROVED".equals(ServiceDatabase.value(
                "select status from known_configuration where configuration_id = ?", CONFIGURATION)));
    }

    @Test
    void anS12IsAcknowledgedOnceItsEventIsOnTheTopicAndAResendMakesNoSecondEvent() throws Exception {
        String controlId = "CTRL-" + UUID.randomUUID().toString().substring(0, 8);
        String er7 = SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|")
                .replace("|AL|NE", "||");
        Connection connection = hapi.newClient("localhost", server.port(), false);
        try {
            Message ack = send(connection, er7);
            assertEquals("AA", terser(ack, "/MSA-1"));
            assertEquals(controlId, terser(ack, "/MSA-2"));

            ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.APPOINTMENTS,
                    r -> r.value().contains(controlId), WAIT).orElseThrow(() -> new AssertionError("no appointment event"));
            assertEquals(CONFIGURATION + "/998877665544", record.key());
            CloudEvent<AppointmentEvent> event = CloudEventCodec.fromJson(record.value(), EventType.APPOINTMENT_SCHEDULED,
                    AppointmentEvent.class);
            assertEquals("+16085550102", cipher.decrypt(event.data().patientPhones().get(0),
                    PhoneCipher.appointmentContext(CONFIGURATION, "998877665544")));
            assertFalse(record.value().contains("Sample") || record.value().contains("5550102"), "no names, no clear numbers");

            assertEquals("AA", terser(send(connection, er7), "/MSA-1"), "the resend is acknowledged");
            assertEquals(1, kafka.readAll(Topics.APPOINTMENTS).stream().filter(r -> r.value().contains(controlId)).count(),
                    "one event for the message and its resend");
            assertEquals(1L, ((Number) ServiceDatabase.value("select count(*) from received_message where control_id = ?",
                    controlId)).longValue());
        } finally {
            connection.close();
        }
    }

    @Test
    void aMessageClaimedByAnInstanceThatDiedBeforePublishingIsPublishedWhenResent() throws Exception {
        String controlId = "DIED-" + UUID.randomUUID().toString().substring(0, 8);
        // What a SIGKILL between the ledger claim and Kafka's acknowledgement leaves behind.
        ServiceDatabase.execute("insert into received_message (configuration_id, sending_application, sending_facility,"
                + " control_id, event_id, received_at, published) values (?, 'EPIC', 'NWH', ?, 'never-published', now(),"
                + " false)", CONFIGURATION, controlId);
        String er7 = SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|")
                .replace("|AL|NE", "||");
        Connection connection = hapi.newClient("localhost", server.port(), false);
        try {
            assertEquals("AA", terser(send(connection, er7), "/MSA-1"));
        } finally {
            connection.close();
        }
        assertTrue(kafka.awaitRecord(Topics.APPOINTMENTS, r -> r.value().contains(controlId), WAIT).isPresent(),
                "the resend is published, not answered from the unfinished claim");
        Awaitility.await().atMost(WAIT).until(() -> Boolean.TRUE.equals(ServiceDatabase.value(
                "select published from received_message where control_id = ?", controlId)));
    }

    @Test
    void contentErrorsAreAnsweredAeWithTheReasonAndRecordedAsDeadLettersAndTheConnectionGoesOn() throws Exception {
        String controlId = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        String er7 = SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|")
                .replace("|AL|NE", "||").replace("|Booked", "|Maybe");
        Connection connection = hapi.newClient("localhost", server.port(), false);
        try {
            Message ack = send(connection, er7);
            assertEquals("AE", terser(ack, "/MSA-1"));
            assertEquals("103", terser(ack, "/ERR-3-1"));
            assertTrue(ack.encode().contains("SCH-25"), ack.encode());

            ConsumerRecord<String, String> dead = kafka.awaitRecord(RefusedFrames.TOPIC,
                    r -> controlId.equals(KafkaTestClient.header(r, RefusedFrames.CONTROL_ID_HEADER)), WAIT)
                    .orElseThrow(() -> new AssertionError("no dead letter"));
            assertEquals("103", KafkaTestClient.header(dead, RefusedFrames.ERROR_CODE_HEADER));
            assertEquals(null, dead.value(), "no message content on the dead-letter topic");

            String good = SiuCorpus.message("s15-v231-cancelled.hl7").replace("|MSG00003|", "|" + controlId + "-2|");
            assertEquals("AA", terser(send(connection, good), "/MSA-1"), "the connection still works");
        } finally {
            connection.close();
        }
        assertFalse(kafka.readAll(Topics.APPOINTMENTS).stream().anyMatch(r -> r.value().contains("\"" + controlId + "\"")),
                "no event for the refused message");
    }

    @Test
    void garbageAndOversizedFramesAreAnsweredArAndRecorded() throws Exception {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(30_000);
            String marker = UUID.randomUUID().toString();
            socket.getOutputStream().write(MllpFrames.frame("hello " + marker));
            String garbageAck = MllpFrames.read(socket.getInputStream());
            assertTrue(garbageAck.contains("MSA|AR|"), garbageAck);

            String big = SiuCorpus.message("s17-v25-deleted.hl7") + "\rNTE|1||" + "x".repeat(70_000);
            socket.getOutputStream().write(MllpFrames.frame(big));
            String bigAck = MllpFrames.read(socket.getInputStream());
            assertTrue(bigAck.contains("MSA|AR|MSG00005"), bigAck);
            assertTrue(bigAck.contains("larger than 65536"), bigAck);
        }
        assertTrue(kafka.awaitRecord(RefusedFrames.TOPIC, r -> "MSG00005".equals(KafkaTestClient.header(r,
                RefusedFrames.CONTROL_ID_HEADER)) || (KafkaTestClient.header(r, RefusedFrames.SIZE_HEADER) != null
                && Long.parseLong(KafkaTestClient.header(r, RefusedFrames.SIZE_HEADER)) > 65536), WAIT).isPresent());
    }

    private static Message send(Connection connection, String er7) throws Exception {
        connection.getInitiator().setTimeout(30, TimeUnit.SECONDS);
        return connection.getInitiator().sendAndReceive(hapi.getPipeParser().parse(er7));
    }

    private static String terser(Message message, String path) throws Exception {
        return new Terser(message).get(path);
    }
}
