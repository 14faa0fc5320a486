package io.ehrconnector.hl7ingest.mllp;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.hl7ingest.MllpTlsResource;
import io.ehrconnector.hl7ingest.SiuCorpus;
import io.ehrconnector.hl7ingest.intake.RefusedFrames;
import io.ehrconnector.testing.EhrInterfaceIdentity;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MLLP over TLS with HAPI's client presenting a client certificate: the certificate uploaded for an approved configuration
 * routes to it; one that is not uploaded is answered AR before parsing and recorded; a certificate shared by two FHIR base
 * URLs needs MSH-5 to say which.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = MllpTlsResource.class, scope = TestResourceScope.GLOBAL)
class MllpTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    MllpServer server;

    @BeforeAll
    static void clients() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theUploadedCertificateRoutesToItsConfiguration() throws Exception {
        EhrInterfaceIdentity epic = EhrInterfaceIdentity.ec("epic-interface");
        String configuration = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.approve(kafka, configuration, UUID.randomUUID().toString(), Environment.PRODUCTION,
                List.of(epic.asUploaded()));
        String controlId = "TLS-" + UUID.randomUUID().toString().substring(0, 8);

        Message ack = send(epic, message(controlId, "TEAMS"));

        assertEquals("AA", terser(ack, "/MSA-1"));
        ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.APPOINTMENTS, r -> r.value().contains(controlId), WAIT)
                .orElseThrow(() -> new AssertionError("no appointment event"));
        assertTrue(event.key().startsWith(configuration + "/"), event.key());
    }

    @Test
    void aCertificateNobodyUploadedIsRefusedBeforeParsingAndRecorded() throws Exception {
        EhrInterfaceIdentity stranger = EhrInterfaceIdentity.ec("not-uploaded");
        String controlId = "TLS-" + UUID.randomUUID().toString().substring(0, 8);

        String ack;
        try (Socket socket = stranger.clientTls().getSocketFactory().createSocket("localhost", server.tlsPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(MllpFrames.frame(message(controlId, "TEAMS")));
            ack = MllpFrames.read(socket.getInputStream());
        }

        assertTrue(ack.contains("MSA|AR|\r"), "refused, and nothing of the frame was read (no control id): " + ack);
        assertTrue(ack.contains("|204"), ack);
        assertTrue(ack.contains("not uploaded"), ack);
        assertTrue(kafka.awaitRecord(RefusedFrames.TOPIC, r -> KafkaTestClient.header(r, RefusedFrames.SENDER_HEADER)
                .startsWith("mllps ") && KafkaTestClient.header(r, "dead-letter-reason").contains("not uploaded"), WAIT)
                .isPresent());
        assertFalse(kafka.readAll(Topics.APPOINTMENTS).stream().anyMatch(r -> r.value().contains(controlId)));
    }

    @Test
    void aCertificateSharedByTwoUrlsRoutesByMsh5() throws Exception {
        EhrInterfaceIdentity epic = EhrInterfaceIdentity.ec("shared-interface");
        String tenant = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.approve(kafka, first, tenant, Environment.TEST, List.of(epic.asUploaded()));
        ApprovedConfigurationFixture.approve(kafka, second, tenant, Environment.TEST, List.of(epic.asUploaded()));

        String ambiguous = "TLS-" + UUID.randomUUID().toString().substring(0, 8);
        Message refused = send(epic, message(ambiguous, "TEAMS"));
        assertEquals("AR", terser(refused, "/MSA-1"));
        assertTrue(refused.encode().contains("MSH-5 must name one"), refused.encode());

        String named = "TLS-" + UUID.randomUUID().toString().substring(0, 8);
        Message ack = send(epic, message(named, ConfigurationSnapshot.hl7ReceivingApplication(second)));
        assertEquals("AA", terser(ack, "/MSA-1"));
        ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.APPOINTMENTS, r -> r.value().contains(named), WAIT)
                .orElseThrow(() -> new AssertionError("no appointment event"));
        assertTrue(event.key().startsWith(second + "/"), event.key());
    }

    @Test
    void aCertificateUploadedForTestAndProductionNeedsMsh5EvenWhileOnlyProductionIsApproved() throws Exception {
        EhrInterfaceIdentity epic = EhrInterfaceIdentity.ec("both-environments");
        String tenant = UUID.randomUUID().toString();
        String production = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.approve(kafka, production, tenant, Environment.PRODUCTION, List.of(epic.asUploaded()));
        ApprovedConfigurationFixture.publish(kafka, UUID.randomUUID().toString(), tenant, Environment.TEST,
                ConfigurationSnapshot.Status.PENDING_APPROVAL, List.of(epic.asUploaded()));

        Message unnamed = send(epic, message("TLS-" + UUID.randomUUID().toString().substring(0, 8), "TEAMS"));
        assertEquals("AR", terser(unnamed, "/MSA-1"));
        assertTrue(unnamed.encode().contains("test and the production environment"), unnamed.encode());

        Message named = send(epic, message("TLS-" + UUID.randomUUID().toString().substring(0, 8),
                ConfigurationSnapshot.hl7ReceivingApplication(production)));
        assertEquals("AA", terser(named, "/MSA-1"));
    }

    @Test
    void aCertificateTwoTenantsPinRoutesNowhere() throws Exception {
        EhrInterfaceIdentity epic = EhrInterfaceIdentity.ec("two-tenants");
        String ours = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.approve(kafka, ours, UUID.randomUUID().toString(), Environment.PRODUCTION,
                List.of(epic.asUploaded()));
        ApprovedConfigurationFixture.approve(kafka, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                Environment.PRODUCTION, List.of(epic.asUploaded()));

        Message refused = send(epic, message("TLS-" + UUID.randomUUID().toString().substring(0, 8),
                ConfigurationSnapshot.hl7ReceivingApplication(ours)));
        assertEquals("AR", terser(refused, "/MSA-1"));
        assertTrue(refused.encode().contains("more than one organization"), refused.encode());
    }

    @Test
    void anOversizedFrameOverTlsIsAnsweredAr() throws Exception {
        EhrInterfaceIdentity epic = EhrInterfaceIdentity.ec("oversized");
        ApprovedConfigurationFixture.approve(kafka, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                Environment.PRODUCTION, List.of(epic.asUploaded()));
        try (Socket socket = epic.clientTls().getSocketFactory().createSocket("localhost", server.tlsPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(MllpFrames.frame(message("BIG-1", "TEAMS") + "\rNTE|1||" + "x".repeat(70_000)));
            String ack = MllpFrames.read(socket.getInputStream());
            assertTrue(ack.contains("MSA|AR|BIG-1") && ack.contains("larger than"), ack);
        }
    }

    private static String message(String controlId, String receivingApplication) {
        return SiuCorpus.message("epic-s12-v251.hl7").replace("|MSG00001|", "|" + controlId + "|")
                .replace("|AL|NE", "||").replace("|NWH^1.2.840.114350^ISO|TEAMS|", "|NWH^1.2.840.114350^ISO|"
                        + receivingApplication + "|");
    }

    /** Sends over a new TLS connection presenting {@code identity}'s certificate; returns the ACK. */
    private Message send(EhrInterfaceIdentity identity, String er7) throws Exception {
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.setSocketFactory(new StandardSocketFactory() {
                @Override
                public Socket createTlsSocket() throws IOException {
                    return identity.clientTls().getSocketFactory().createSocket();
                }
            });
            Connection connection = hapi.newClient("localhost", server.tlsPort(), true);
            try {
                connection.getInitiator().setTimeout(30, TimeUnit.SECONDS);
                return connection.getInitiator().sendAndReceive(hapi.getPipeParser().parse(er7));
            } finally {
                connection.close();
            }
        }
    }

    private static String terser(Message message, String path) throws Exception {
        return new Terser(message).get(path);
    }
}
