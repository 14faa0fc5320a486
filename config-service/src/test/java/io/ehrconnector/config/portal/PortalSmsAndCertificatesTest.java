package io.ehrconnector.config.portal;

import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.config.sms.ConsentKind;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.ehrconnector.testing.standins.SelfSignedTls;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's certificates and SMS pages over HTTP, signed in through the authorization code flow: uploads and their
 * refusals, the SMS consent gate, per-URL settings with a sending number, and the warning before a change stops texts.
 * SMS runs in a hospital (Entra tenant) of its own per test, without Azure Communication Services (the number is
 * registered in the database as the import would).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class PortalSmsAndCertificatesTest {

    private static final Pattern CONFIRM_FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\" id=\"confirm-form\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @TestHTTPResource("/")
    URL url;

    private URI app;

    @BeforeEach
    void registerThePortal() {
        app = URI.create(url.toString());
        PortalSession.registerPortal(entra, app);
    }

    @AfterEach
    void stopSigningInAutomatically() {
        entra.signInAutomaticallyAs(null);
    }

    // ---- certificates ------------------------------------------------------------------------------------------------

    @Test
    void aPrivateKeyIsRefusedWithItsMessageAndAValidCertificateIsListedWithItsFingerprint() throws Exception {
        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        Response page = admin.open("/portal/certificates");
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains("id=\"upload-production\""), page.asString());
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        long before = certificates();

        String privateKey = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Response refused = admin.submit("/portal/certificates/production", page.asString(), Map.of("certificate", privateKey));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.asString().contains("This file contains a private key"), refused.asString());
        assertEquals(before, certificates(), "nothing stored");

        X509Certificate certificate = SelfSignedTls.selfSignedCertificate("portal-" + UUID.randomUUID().toString().substring(0, 8),
                keys, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(100)));
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        // The page's form is multipart (text box and file input); send the file as a browser would.
        Response uploaded = given().redirects().follow(false).cookies(admin.cookies())
                .multiPart("csrf", PortalSession.csrfOf(page.asString()))
                .multiPart("certificate", "")
                .multiPart("file", "ehr.pem", pem.getBytes(), "application/x-pem-file")
                .post(app.resolve("/portal/certificates/production").toString());
        assertEquals(200, uploaded.statusCode(), uploaded.asString());
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertTrue(uploaded.asString().contains(fingerprint), uploaded.asString());
        assertTrue(admin.open("/portal/certificates").asString().contains(fingerprint));
        // Not a row count: another test may have left a CURRENT and a PREVIOUS one, and this upload retires the older.
        assertEquals("CURRENT", ServiceDatabase.value("select status from ehr_certificate where tenant_id = ?"
                + " and environment = 'PRODUCTION' and fingerprint_sha256 = ?", EntraDirectory.CONTOSO.id(), fingerprint));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        String page = admin.open("/portal/certificates").asString();
        assertEquals(403, admin.submit("/portal/certificates/test", page, Map.of("csrf", "forged", "certificate", "x"))
                .statusCode());
        String sms = admin.open("/portal/sms").asString();
        assertEquals(403, admin.submit("/portal/sms/consents/patients", sms, Map.of("csrf", "forged", "agree", "true",
                "textVersion", ConsentKind.PATIENTS.textVersion())).statusCode());
    }

    // ---- SMS ---------------------------------------------------------------------------------------------------------

    @Test
    void consentsGateSmsThenAChangeThatStopsTextsIsAppliedOnlyAfterConfirming() {
        EntraUser admin = EntraHospital.create("Hospital").admin();
        PortalSession session = signedIn(admin);
        String configurationId = approvedUrl(session, admin);

        Response sms = session.open("/portal/sms");
        assertEquals(200, sms.statusCode());
        assertTrue(sms.asString().contains("Telephone Consumer Protection Act (TCPA)"), sms.asString());
        assertTrue(sms.asString().contains("Microsoft Azure Communication Services from a US phone number"));
        assertTrue(sms.asString().contains("id=\"sms-gate\""), sms.asString());
        assertTrue(sms.asString().contains("must give both SMS consents"), sms.asString());

        Response gated = session.submit("/portal/sms/configurations/" + configurationId, sms.asString(),
                Map.of("enabled", "true", "confirmOnScheduled", "true"));
        assertTrue(gated.asString().contains("Missing: patients and acs"), gated.asString());

        Response unticked = session.submit("/portal/sms/consents/patients", sms.asString(),
                Map.of("textVersion", ConsentKind.PATIENTS.textVersion()));
        assertTrue(unticked.asString().contains("Tick the box"), unticked.asString());
        session.submit("/portal/sms/consents/patients", sms.asString(),
                Map.of("agree", "true", "textVersion", ConsentKind.PATIENTS.textVersion()));
        Response both = session.submit("/portal/sms/consents/acs", sms.asString(),
                Map.of("agree", "true", "textVersion", ConsentKind.ACS.textVersion()));
        assertFalse(both.asString().contains("id=\"sms-gate\""), both.asString());
        assertTrue(both.asString().contains("id=\"settings-" + configurationId + "\""), both.asString());

        String numberId = activeNumber(admin);
        Response linked = session.submit("/portal/sms/configurations/" + configurationId + "/phone-number", both.asString(),
                Map.of("phoneNumberId", numberId));
        assertFalse(linked.asString().contains("id=\"stop-warning\""), linked.asString());
        Response badReminder = session.submit("/portal/sms/configurations/" + configurationId, linked.asString(),
                Map.of("enabled", "true", "confirmOnScheduled", "true", "reminderOffsets", "P99D"));
        assertTrue(badReminder.asString().contains("between 5 minutes"), badReminder.asString());
        Response sending = session.submit("/portal/sms/configurations/" + configurationId, linked.asString(),
                Map.of("enabled", "true", "confirmOnScheduled", "true", "reminderOffsets", "P1D, PT1H"));
        assertTrue(sending.asString().contains("Texts are being sent"), sending.asString());
        assertTrue(sending.asString().contains("P1D, PT1H"), sending.asString());

        // Switching SMS off would stop texts: the warning lists them and nothing changes until "Confirm".
        Response warned = session.submit("/portal/sms/configurations/" + configurationId, sending.asString(),
                Map.of("confirmOnScheduled", "true", "reminderOffsets", "PT24H, PT1H"));
        assertTrue(warned.asString().contains("id=\"stop-warning\""), warned.asString());
        assertTrue(warned.asString().contains("all texts stop"), warned.asString());
        assertEquals(Boolean.TRUE, enabled(configurationId), "not applied before confirming");

        Matcher confirm = CONFIRM_FORM.matcher(warned.asString());
        assertTrue(confirm.find(), warned.asString());
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(confirm.group(2));
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2).replace("&#39;", "'"));
        }
        assertEquals("true", fields.get("confirm"));
        Response confirmed = session.submit(confirm.group(1), warned.asString(), fields);
        assertFalse(confirmed.asString().contains("id=\"stop-warning\""), confirmed.asString());
        assertTrue(confirmed.asString().contains("SMS is switched off for this URL"), confirmed.asString());
        assertEquals(Boolean.FALSE, enabled(configurationId));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private PortalSession signedIn(EntraUser user) {
        entra.signInAutomaticallyAs(user);
        PortalSession session = new PortalSession(app);
        session.open("/portal");
        return session;
    }

    /** Registers a FHIR base URL through the portal and marks it approved (the approval walk-through is PortalTest's). */
    private String approvedUrl(PortalSession session, EntraUser admin) {
        String home = session.open("/portal").asString();
        Response registered = session.submit("/portal/configurations", home, Map.of("environment", "PRODUCTION",
                "fhirBaseUrl", ehr.baseUrl() + "/sms-" + UUID.randomUUID().toString().substring(0, 8) + EhrStandIn.FHIR_PATH,
                "approverUsername", "analyst@" + admin.tenant().domain(), "organizationName", "Hospital",
                "timeZone", "America/Chicago"));
        String id = PortalPages.configurationIdOn(registered.asString());
        assertEquals(1, ServiceDatabase.execute("update fhir_configuration set status = 'APPROVED' where id = ?", id));
        return id;
    }

    /** An ACTIVE number of the admin's tenant, as importing one the Azure resource owns leaves it. */
    private static String activeNumber(EntraUser admin) {
        String id = UUID.randomUUID().toString();
        String e164 = "+1833555" + (1000 + (int) (Math.random() * 8999));
        Timestamp now = Timestamp.from(Instant.now());
        ServiceDatabase.execute("insert into sms_phone_number (id, tenant_id, phone_number, acs_phone_number_id, number_type,"
                        + " status, job_id, job_step, progress, created_at, created_by, created_by_oid, updated_at, finished_at)"
                        + " values (?, ?, ?, ?, 'TOLL_FREE', 'ACTIVE', ?, 'ACTIVE', 'Imported.', ?, ?, ?, ?, ?)",
                id, admin.tenant().id(), e164, "acs-" + id, UUID.randomUUID().toString(), now, admin.userPrincipalName(),
                admin.objectId(), now, now);
        return id;
    }

    private static Object enabled(String configurationId) {
        return ServiceDatabase.value("select enabled from sms_url_settings where configuration_id = ?", configurationId);
    }

    private static long certificates() {
        return ((Number) ServiceDatabase.value("select count(*) from ehr_certificate where tenant_id = ?",
                EntraDirectory.CONTOSO.id())).longValue();
    }
}
