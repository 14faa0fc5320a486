package io.ehrconnector.config.portal;

import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.config.PublicUrlResource;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.ehrconnector.config.security.Caller;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal walk-through over HTTP, signed in through the real authorization code flow against the Entra stand-in: the
 * admin registers a URL, the analyst signs in to Epic (the EHR stand-in) and approves, and the integration records appear.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(PublicUrlResource.class)
class PortalTest {

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @TestHTTPResource("/")
    URL url;

    @Inject
    PortalCsrf csrf;

    private URI app;

    @BeforeEach
    void registerThePortalAndTheConnector() {
        app = URI.create(url.toString());
        PortalSession.registerPortal(entra, app);
        ehr.registerClient(RegisteredClient.of("00000000-0000-0000-0000-00000000a001",
                ClientAuthentication.privateKeyJwt(app.resolve("/jwks/test")), app.resolve("/api/v1/smart/callback").toString()));
        ehr.standaloneUser(EhrUser.practitioner("E900", "pract-9"));
    }

    @AfterEach
    void stopSigningInAutomatically() {
        entra.signInAutomaticallyAs(null);
    }

    @Test
    void adminRegistersAnalystValidatesAndApprovesAndTheRecordsAppear() {
        String fhirUrl = ehr.baseUrl() + "/portal-" + UUID.randomUUID().toString().substring(0, 8) + EhrStandIn.FHIR_PATH;

        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        Response home = admin.open("/portal");
        assertEquals(200, home.statusCode());
        Response registered = admin.submit("/portal/configurations", home.asString(), Map.of(
                "environment", "TEST", "fhirBaseUrl", fhirUrl,
                "approverUsername", EntraDirectory.CONTOSO_ADMIN_ANALYST.userPrincipalName(),
                "organizationName", "Contoso Hospital", "timeZone", "America/Chicago"));
        assertEquals(200, registered.statusCode(), registered.asString());
        assertTrue(registered.asString().contains("PENDING_APPROVAL"));
        String id = PortalPages.configurationIdOn(registered.asString());

        PortalSession analyst = signedIn(EntraDirectory.CONTOSO_ADMIN_ANALYST);
        String detail = analyst.open("/portal/configurations/" + id).asString();
        assertTrue(detail.contains("Sign in to Epic"), detail);
        Response tooEarly = analyst.submit("/portal/configurations/" + id + "/approval", detail, Map.of());
        assertTrue(tooEarly.asString().contains("Sign in to Epic first"), tooEarly.asString());

        // "Sign in to Epic": the portal sends the browser to the EHR stand-in, which signs in and redirects back.
        Response validated = analyst.submit("/portal/configurations/" + id + "/smart-validation", detail, Map.of());
        assertEquals(200, validated.statusCode(), validated.asString());
        assertTrue(validated.asString().contains("validated"), validated.asString());

        Response approved = analyst.submit("/portal/configurations/" + id + "/approval",
                analyst.open("/portal/configurations/" + id).asString(), Map.of());
        assertTrue(approved.asString().contains("id=\"status\">APPROVED"), approved.asString());

        Response records = admin.open("/portal/configurations/" + id + "/records");
        assertEquals(200, records.statusCode());
        for (String kind : new String[] {"PROVIDER_LAUNCH", "PATIENT_LAUNCH", "SMS_DIRECT", "SMS_CONFIGURATION", "DEVICE_TEST"}) {
            assertTrue(records.asString().contains("id=\"record-" + kind + "\""), kind);
        }
        assertTrue(records.asString().contains("sessionId=%CSN%"));
        Response json = admin.open("/portal/configurations/" + id + "/records.json");
        assertTrue(json.getHeader("Content-Disposition").contains("attachment"));

        String history = admin.open("/portal/history").asString();
        assertTrue(history.contains("APPROVED") && history.contains("SMART_VALIDATED") && history.contains("REGISTERED"));
    }

    @Test
    void anAdminChoosesTheEhrWriteBackOnTheConfigurationPageKeepingTheApproval() {
        String fhirUrl = ehr.baseUrl() + "/portal-write-back-" + UUID.randomUUID().toString().substring(0, 8)
                + EhrStandIn.FHIR_PATH;
        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        Response registered = admin.submit("/portal/configurations", admin.open("/portal").asString(), Map.of(
                "environment", "TEST", "fhirBaseUrl", fhirUrl,
                "approverUsername", EntraDirectory.CONTOSO_ADMIN_ANALYST.userPrincipalName(),
                "organizationName", "Contoso Hospital", "timeZone", "America/Chicago"));
        assertEquals(200, registered.statusCode(), registered.asString());
        String id = PortalPages.configurationIdOn(registered.asString());
        assertTrue(registered.asString().contains("id=\"ehr-write-back\">FHIR AuditEvent (default)<"), registered.asString());
        assertTrue(registered.asString().contains("<label for=\"ehrWriteBack\">EHR write-back</label>"));
        assertTrue(registered.asString().contains("<option value=\"FHIR_AUDIT_EVENT\" selected>FHIR AuditEvent (default)"));
        assertTrue(registered.asString().contains("<option value=\"EPIC_CONNECTION_STATUS\">Epic telehealth connection status"));

        PortalSession approver = signedIn(EntraDirectory.CONTOSO_ADMIN_ANALYST);
        String detail = approver.open("/portal/configurations/" + id).asString();
        assertEquals(200, approver.submit("/portal/configurations/" + id + "/smart-validation", detail, Map.of()).statusCode());
        Response approved = approver.submit("/portal/configurations/" + id + "/approval",
                approver.open("/portal/configurations/" + id).asString(), Map.of());
        assertTrue(approved.asString().contains("id=\"status\">APPROVED"), approved.asString());

        admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        String page = admin.open("/portal/configurations/" + id).asString();
        Response changed = admin.submit("/portal/configurations/" + id + "/ehr-write-back", page,
                Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS"));
        assertEquals(200, changed.statusCode(), changed.asString());
        assertTrue(changed.asString().contains("id=\"ehr-write-back\">Epic telehealth connection status<"), changed.asString());
        assertTrue(changed.asString().contains("<option value=\"EPIC_CONNECTION_STATUS\" selected>"), changed.asString());
        assertTrue(changed.asString().contains("id=\"status\">APPROVED"), "the approval stays: " + changed.asString());
        assertTrue(admin.open("/portal/history").asString().contains("ehrWriteBack: FHIR_AUDIT_EVENT -&gt; EPIC_CONNECTION_STATUS"));

        Response unknown = admin.submit("/portal/configurations/" + id + "/ehr-write-back", page,
                Map.of("ehrWriteBack", "SOMETHING_ELSE"));
        assertEquals(200, unknown.statusCode());
        assertTrue(unknown.asString().contains("id=\"message\""), unknown.asString());
        Response forged = admin.submit("/portal/configurations/" + id + "/ehr-write-back", page,
                Map.of("csrf", "forged", "ehrWriteBack", "FHIR_AUDIT_EVENT"));
        assertEquals(403, forged.statusCode());

        PortalSession analyst = signedIn(EntraDirectory.CONTOSO_ANALYST);
        String analystPage = analyst.open("/portal/configurations/" + id).asString();
        assertTrue(analystPage.contains("id=\"ehr-write-back\">Epic telehealth connection status<"), analystPage);
        assertFalse(analystPage.contains("name=\"ehrWriteBack\""), "read-only for analysts");
        EntraUser a = EntraDirectory.CONTOSO_ANALYST;
        // The analyst's page has no form, so the analyst's own valid token is made here: the role refuses, not the token.
        String analystsOwnToken = csrf.tokenFor(new Caller(a.tenant().id(), a.objectId(), a.userPrincipalName(), a.roles()));
        assertEquals(403, analyst.submit("/portal/configurations/" + id + "/ehr-write-back",
                "name=\"csrf\" value=\"" + analystsOwnToken + "\"", Map.of("ehrWriteBack", "FHIR_AUDIT_EVENT")).statusCode());

        PortalSession outsider = signedIn(EntraDirectory.FABRIKAM_ADMIN);
        assertEquals(404, outsider.submit("/portal/configurations/" + id + "/ehr-write-back",
                outsider.open("/portal").asString(), Map.of("ehrWriteBack", "FHIR_AUDIT_EVENT")).statusCode());

        String after = signedIn(EntraDirectory.CONTOSO_ADMIN).open("/portal/configurations/" + id).asString();
        assertTrue(after.contains("id=\"ehr-write-back\">Epic telehealth connection status<"), after);
        assertTrue(after.contains("id=\"status\">APPROVED"), after);
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing() {
        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        String home = admin.open("/portal").asString();
        Response forged = admin.submit("/portal/configurations", home, Map.of("csrf", "forged",
                "environment", "TEST", "fhirBaseUrl", ehr.baseUrl() + "/csrf" + EhrStandIn.FHIR_PATH,
                "approverUsername", "x@contoso.org", "organizationName", "X", "timeZone", "UTC"));
        assertEquals(403, forged.statusCode());
        assertFalse(admin.open("/portal").asString().contains("/csrf/"));

        PortalSession outsider = signedIn(EntraDirectory.FABRIKAM_ADMIN);
        String outsiderHome = outsider.open("/portal").asString();
        Response crossUser = admin.submit("/portal/configurations", home, Map.of("csrf", PortalSession.csrfOf(outsiderHome),
                "environment", "TEST", "fhirBaseUrl", ehr.baseUrl() + "/csrf2" + EhrStandIn.FHIR_PATH,
                "approverUsername", "x@contoso.org", "organizationName", "X", "timeZone", "UTC"));
        assertEquals(403, crossUser.statusCode(), "another person's token does not work");
    }

    @Test
    void badInputIsShownOnThePageAndNothingIsRegistered() {
        PortalSession admin = signedIn(EntraDirectory.CONTOSO_ADMIN);
        String home = admin.open("/portal").asString();
        Response refused = admin.submit("/portal/configurations", home, Map.of(
                "environment", "TEST", "fhirBaseUrl", "http://ehr.contoso.org/api/FHIR/R4",
                "approverUsername", "analyst@contoso.org", "organizationName", "Contoso", "timeZone", "America/Chicago"));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.asString().contains("id=\"message\""), refused.asString());
        assertTrue(refused.asString().contains("https"), refused.asString());
    }

    @Test
    void peopleWithoutARoleAndAnonymousVisitorsGetNoPortal() {
        Response anonymous = new PortalSession(app).get("/portal");
        assertEquals(302, anonymous.statusCode());
        assertTrue(anonymous.getHeader("Location").startsWith(entra.baseUrl()), anonymous.getHeader("Location"));
        assertTrue(anonymous.getHeader("Location").contains("code_challenge"), "PKCE on the sign-in redirect");
        assertEquals(403, signedIn(EntraDirectory.CONTOSO_PROVIDER).open("/portal").statusCode());
    }

    private PortalSession signedIn(EntraUser user) {
        entra.signInAutomaticallyAs(user);
        PortalSession session = new PortalSession(app);
        session.open("/portal");
        return session;
    }
}
