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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
