package io.ehrconnector.config.sms;

import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.SelfSignedTls;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes beside a URL's own settings reach the configurations topic: after each SMS change the URL's next snapshot carries
 * the new SMS settings, and after each EHR certificate upload or removal every URL of that tenant and environment carries
 * the certificates; each with a higher version and its approval status untouched.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(AcsResource.class)
class SnapshotRepublicationTest {

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    AcsStandIn acs;

    @Test
    void everySmsChangePublishesTheUrlsNewSnapshot() {
        SmsFixture fx = new SmsFixture(entra, ehr, acs);
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        String url = fx.registerUrl(h, "publish");
        String numberId = fx.importNumber(h);
        String e164 = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + numberId).then().extract().path("phoneNumber");
        ConfigurationSnapshot registered = awaitSnapshot(url, s -> s.version() == 1);
        assertEquals(null, registered.sms());

        fx.sending(h, url, numberId, List.of("P1D", "PT15M"));
        ConfigurationSnapshot sending = awaitSnapshot(url, s -> s.sms() != null && s.sms().enabled()
                && s.sms().reminderOffsets().size() == 2);
        assertEquals(new ConfigurationSnapshot.SmsSettings(true, true, e164, true, true, true,
                List.of(Duration.ofDays(1), Duration.ofMinutes(15))), sending.sms());
        assertEquals(ConfigurationSnapshot.Status.PENDING_APPROVAL, sending.status(), "approval untouched");
        assertTrue(sending.version() >= 3, "link and settings each publish a version: " + sending.version());

        fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/configurations/" + url + "/phone-number")
                .then().statusCode(200);
        ConfigurationSnapshot unlinked = awaitSnapshot(url, s -> s.version() > sending.version());
        assertEquals(new ConfigurationSnapshot.SmsSettings(true, true, null, true, true, true,
                List.of(Duration.ofDays(1), Duration.ofMinutes(15))), unlinked.sms());

        fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/consents/acs").then().statusCode(200);
        ConfigurationSnapshot withdrawn = awaitSnapshot(url, s -> s.version() > unlinked.version());
        assertEquals(false, withdrawn.sms().consentsGiven());

        fx.as(h.admin()).get("/api/v1/history").then().statusCode(200)
                .body("findAll { it.configurationId == '" + url + "' }.details",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("sms number " + e164
                                + " unlinked")));
    }

    @Test
    void certificateChangesRepublishEveryUrlOfTheEnvironmentWithTheCertificates() throws Exception {
        SmsFixture fx = new SmsFixture(entra, ehr, acs);
        EntraHospital h = EntraHospital.create("Hospital");
        String production = fx.registerUrl(h, "cert-prod");
        String test = fx.as(h.admin()).body(Map.of("environment", "TEST",
                        "fhirBaseUrl", ehr.baseUrl() + "/cert-test-" + UUID.randomUUID().toString().substring(0, 8)
                                + EhrStandIn.FHIR_PATH,
                        "approverUsername", h.analyst().userPrincipalName(), "organizationName", "Hospital",
                        "timeZone", "America/Chicago"))
                .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
        assertEquals(List.of(), awaitSnapshot(production, s -> s.version() == 1).ehrCertificates());

        X509Certificate first = certificate("first");
        upload(fx, h, first);
        ConfigurationSnapshot withFirst = awaitSnapshot(production, s -> s.ehrCertificates().size() == 1);
        ConfigurationSnapshot.EhrCertificate current = withFirst.ehrCertificates().get(0);
        assertEquals(ConfigurationSnapshot.EhrCertificate.Role.CURRENT, current.role());
        assertEquals(fingerprint(first), current.fingerprintSha256());
        assertEquals(first, parse(current.certificatePem()), "the PEM is the uploaded certificate");
        assertEquals(first.getNotAfter().toInstant(), current.notAfter().toInstant());
        assertEquals(ConfigurationSnapshot.Status.PENDING_APPROVAL, withFirst.status(), "approval untouched");

        X509Certificate second = certificate("second");
        upload(fx, h, second);
        ConfigurationSnapshot rotating = awaitSnapshot(production, s -> s.ehrCertificates().size() == 2);
        assertEquals(List.of(fingerprint(second), fingerprint(first)),
                rotating.ehrCertificates().stream().map(ConfigurationSnapshot.EhrCertificate::fingerprintSha256).toList(),
                "CURRENT first, then PREVIOUS");

        fx.as(h.admin()).delete("/api/v1/certificates/production/previous").then().statusCode(204);
        ConfigurationSnapshot rotated = awaitSnapshot(production, s -> s.version() > rotating.version());
        assertEquals(List.of(fingerprint(second)),
                rotated.ehrCertificates().stream().map(ConfigurationSnapshot.EhrCertificate::fingerprintSha256).toList());

        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            List<ConfigurationSnapshot> testSnapshots = kafka.readAll(Topics.CONFIGURATIONS).stream()
                    .filter(r -> test.equals(r.key())).map(SnapshotRepublicationTest::snapshot).toList();
            assertEquals(1, testSnapshots.size(), "the test environment's URL is not republished: " + testSnapshots);
            assertEquals(List.of(), testSnapshots.get(0).ehrCertificates());
        }
    }

    private static void upload(SmsFixture fx, EntraHospital h, X509Certificate certificate) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        fx.as(h.admin()).contentType("text/plain").body(pem.getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/certificates/production").then().statusCode(200);
    }

    private static X509Certificate certificate(String name) throws Exception {
        return SelfSignedTls.selfSignedCertificate("epic-" + name + "-" + UUID.randomUUID().toString().substring(0, 8),
                KeyPairGenerator.getInstance("EC").generateKeyPair(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(200)));
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The first snapshot of the configuration on the topic that matches. */
    private static ConfigurationSnapshot awaitSnapshot(String configurationId, Predicate<ConfigurationSnapshot> matching) {
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.CONFIGURATIONS,
                    r -> Objects.equals(configurationId, r.key()) && matching.test(snapshot(r)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no matching snapshot of " + configurationId + " on "
                            + Topics.CONFIGURATIONS + "; seen: " + kafka.readAll(Topics.CONFIGURATIONS).stream()
                            .filter(r -> configurationId.equals(r.key())).map(r -> snapshot(r).toString()).toList()));
            return snapshot(record);
        }
    }

    private static ConfigurationSnapshot snapshot(ConsumerRecord<String, String> record) {
        return CloudEventCodec.fromJson(record.value(), EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class).data();
    }
}
