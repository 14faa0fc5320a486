package io.ehrconnector.config.portal;

import io.ehrconnector.testing.portal.PortalSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Media;
import com.microsoft.playwright.options.SelectOption;
import io.ehrconnector.config.PublicUrlResource;
import io.ehrconnector.testing.browser.HeadlessChromium;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.ehrconnector.testing.standins.SelfSignedTls;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setup walk-through in a real browser (headless Chromium): a hospital's admin signs in with Microsoft 365, registers a
 * FHIR base URL, uploads the EHR certificate, gives both SMS consents, gets a new number (the asynchronous job, watched on
 * the page), links it and chooses texts; the Epic analyst (another person, another browser) signs in, signs in to Epic,
 * approves, and reads, downloads and prints the integration records; then the admin sees texts going out. Each step is
 * saved as a screenshot under {@code target/screenshots/portal-walk-through}.
 *
 * <p>Nothing here is signed in automatically: people pick their account on the Entra stand-in's sign-in page and press
 * "Sign in and allow" on the EHR stand-in's, as they would in the local stack.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(PublicUrlResource.class)
@WithTestResource(AcsResource.class)
class PortalBrowserWalkThroughTest {

    private static final LocatorAssertions.HasTextOptions SLOW_JOB = new LocatorAssertions.HasTextOptions().setTimeout(60_000);
    private static HeadlessChromium chromium;

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    AcsStandIn acs;

    @TestHTTPResource("/")
    URL url;

    private URI app;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startOrSkip(Path.of("target", "screenshots", "portal-walk-through"));
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void registerThePortalAndTheConnector() {
        app = URI.create(url.toString());
        PortalSession.registerPortal(entra, app);
        ehr.registerClient(RegisteredClient.of("00000000-0000-0000-0000-00000000a001",
                ClientAuthentication.privateKeyJwt(app.resolve("/jwks/test")), app.resolve("/api/v1/smart/callback").toString()));
        ehr.standaloneUser(EhrUser.practitioner("E1234", "pract-analyst"));
        ehr.interactiveSignIn(true);
        entra.signInAutomaticallyAs(null);
    }

    @AfterEach
    void backToAutomaticEpicSignIn() {
        ehr.interactiveSignIn(false);
    }

    @Test
    void adminSetsUpUrlAndSmsThenTheAnalystValidatesApprovesAndGetsTheRecords() throws Exception {
        EntraHospital hospital = EntraHospital.create("Northwind Health");
        entra.addUser(hospital.admin()).addUser(hospital.analyst());
        String fhirUrl = ehr.baseUrl() + "/browser-" + UUID.randomUUID().toString().substring(0, 8) + EhrStandIn.FHIR_PATH;

        // The admin registers the URL and names the analyst.
        Page admin = chromium.newPerson();
        signIn(admin, hospital.admin(), "01-microsoft-sign-in");
        chromium.screenshot(admin, "02-admin-home");
        admin.selectOption("#environment", "TEST");
        admin.fill("#fhirBaseUrl", fhirUrl);
        admin.fill("#approverUsername", hospital.analyst().userPrincipalName());
        admin.fill("#organizationName", "Northwind Health");
        admin.fill("#timeZone", "America/New_York");
        admin.click("#register button[type=submit]");
        assertThat(admin.locator("#status")).hasText("PENDING_APPROVAL");
        String configurationId = admin.locator("#configuration-id").textContent();
        chromium.screenshot(admin, "03-registered-pending-approval");

        // The EHR's certificate for the test environment, chosen as a file.
        admin.click("nav >> text=Certificates");
        admin.setInputFiles("#file-test", ehrCertificate());
        admin.click("#upload-test button[type=submit]");
        assertThat(admin.locator("#certificates-test tr.current .fingerprint")).isVisible();
        chromium.screenshot(admin, "04-certificate-uploaded");

        // SMS: both consents, then a new number (minutes at Azure; the page follows the job), linked, with texts chosen.
        admin.click("nav >> text=SMS");
        assertThat(admin.locator("#sms-gate")).isVisible();
        for (Locator consent = admin.locator("form[id^=give-]"); consent.count() > 0; ) {
            consent.first().locator("input[name=agree]").check();
            consent.first().locator("button[type=submit]").click();
            admin.waitForLoadState();
        }
        assertThat(admin.locator(".consent .given")).hasCount(2);
        acs.operationPollsBeforeDone(3);
        admin.selectOption("#type", "TOLL_FREE");
        admin.click("#new-number button[type=submit]");
        assertThat(admin.locator("#numbers tr[id^=number-] td:nth-child(3)")).hasText("ACTIVE", SLOW_JOB);
        chromium.screenshot(admin, "05-number-active");

        admin.selectOption("#phoneNumberId-" + configurationId, new SelectOption().setIndex(1));
        admin.click("#link-" + configurationId + " button[type=submit]");
        Locator settings = admin.locator("#settings-" + configurationId);
        settings.locator("input[name=enabled]").check();
        settings.locator("input[name=confirmOnScheduled]").check();
        settings.locator("input[name=confirmOnUpdated]").check();
        settings.locator("input[name=confirmOnCancelled]").check();
        settings.locator("input[name=reminderOffsets]").fill("P7D, P1D, PT1H, PT15M");
        settings.locator("button[type=submit]").click();
        assertThat(settings.locator("input[name=reminderOffsets]")).hasValue("P7D, P1D, PT1H, PT15M");
        Locator sending = admin.locator("#url-" + configurationId + " .sending");
        assertThat(sending).containsText("approved configurations only");
        chromium.screenshot(admin, "06-sms-settings-waiting-for-approval");

        // The analyst, at another computer: signs in, signs in to Epic, approves.
        Page analyst = chromium.newPerson();
        signIn(analyst, hospital.analyst(), null);
        analyst.click("#configurations a:has-text('" + fhirUrl + "')");
        assertThat(analyst.locator("#validation")).hasText("not yet");
        analyst.click("#validate button");
        assertThat(analyst.locator("body")).containsText("asks to access this EHR");
        chromium.screenshot(analyst, "07-epic-sign-in");
        analyst.click("button:has-text('Sign in and allow')");
        assertThat(analyst.locator("#outcome")).hasText("Validated");
        chromium.screenshot(analyst, "08-smart-validated");
        analyst.click("text=Back to the configuration");
        assertThat(analyst.locator("#validation")).containsText(hospital.analyst().userPrincipalName());
        analyst.click("#approve button");
        assertThat(analyst.locator("#status")).hasText("APPROVED");
        chromium.screenshot(analyst, "09-approved");

        // The records: what to enter in Epic, downloadable and printable.
        analyst.click("#records-link");
        for (String kind : new String[] {"PROVIDER_LAUNCH", "PATIENT_LAUNCH", "SMS_DIRECT", "SMS_CONFIGURATION", "DEVICE_TEST"}) {
            assertThat(analyst.locator("#record-" + kind)).isVisible();
        }
        assertThat(analyst.locator("#record-PROVIDER_LAUNCH")).containsText("sessionId=%CSN%");
        assertThat(analyst.locator("#record-PROVIDER_LAUNCH")).containsText("00000000-0000-0000-0000-00000000a001");
        chromium.screenshot(analyst, "10-integration-records");
        Download download = analyst.waitForDownload(() -> analyst.click("#download"));
        Path json = chromium.folder().resolve("integration-records.json");
        download.saveAs(json);
        JsonNode records = new ObjectMapper().readTree(json.toFile());
        assertEquals(5, records.size(), records.toPrettyString());
        assertEquals("PROVIDER_LAUNCH", records.path(0).path("kind").asText(), records.toPrettyString());
        assertTrue(records.toString().contains("sessionId=%CSN%"), records.toPrettyString());
        analyst.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(analyst.locator("#download")).isHidden();
        analyst.pdf(new Page.PdfOptions().setPath(chromium.folder().resolve("integration-records.pdf")));

        // Back at the admin's browser: texts go out now, and the history says who did what.
        admin.reload();
        assertThat(sending).containsText("Texts are being sent from +1");
        chromium.screenshot(admin, "11-sms-sending");
        admin.click("nav >> text=History");
        Locator history = admin.locator("#history");
        for (String action : new String[] {"REGISTERED", "CERTIFICATE_UPLOADED", "SMS_CHANGED", "SMART_VALIDATED", "APPROVED"}) {
            assertThat(history).containsText(action);
        }
        assertThat(history).containsText(hospital.analyst().userPrincipalName());
        chromium.screenshot(admin, "12-history");
        assertTrue(Files.size(chromium.folder().resolve("12-history.png")) > 0);
    }

    /** Opens the portal, which sends the browser to Microsoft's sign-in, and picks {@code user}'s account there. */
    private void signIn(Page page, EntraUser user, String screenshot) {
        page.navigate(app.resolve("/portal").toString());
        assertThat(page.locator("body")).containsText("Pick an account");
        if (screenshot != null) {
            chromium.screenshot(page, screenshot);
        }
        page.locator("li", new Page.LocatorOptions().setHasText(user.userPrincipalName())).locator("a").click();
        assertThat(page.locator("body")).containsText("Signed in as " + user.userPrincipalName());
    }

    private static Path ehrCertificate() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        X509Certificate certificate = SelfSignedTls.selfSignedCertificate("epic-northwind-test", keys,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
        Path file = chromium.folder().resolve("epic-test.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return file;
    }
}
