package io.ehrconnector.config.rest;

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
import io.ehrconnector.testing.standins.TokenRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyst's proof of a FHIR base URL against the EHR stand-in over HTTPS: the real authorization code flow with PKCE,
 * the code exchanged with a private_key_jwt assertion that the stand-in verifies against the connector's own JWKS URL.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(PublicUrlResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmartValidationTest {

    private static final String CLIENT_ID = "ehr-connector";
    private static final String EPIC_TEST_PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000a001";

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @TestHTTPResource("/")
    URL app;

    private static String configurationId;

    @BeforeEach
    void registerTheConnectorWithEpic() {
        URI base = URI.create(app.toString());
        ehr.registerClient(RegisteredClient.of(EPIC_TEST_PROVIDER_CLIENT,
                ClientAuthentication.privateKeyJwt(base.resolve("/jwks/test")), base.resolve("/api/v1/smart/callback").toString()));
        ehr.standaloneUser(EhrUser.practitioner("E1234", "pract-77"));
        if (configurationId == null) {
            configurationId = as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("environment", "TEST", "fhirBaseUrl", ehr.fhirBaseUrl(),
                            "approverUsername", EntraDirectory.CONTOSO_ANALYST.userPrincipalName(),
                            "organizationName", "Contoso Hospital", "timeZone", "America/New_York"))
                    .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
        }
    }

    @Test
    @Order(1)
    void onlyTheNamedAnalystCanStartTheSignIn() {
        as(EntraDirectory.CONTOSO_ADMIN).post(startPath()).then().statusCode(403);
        as(EntraDirectory.CONTOSO_ADMIN_ANALYST).post(startPath()).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("named approver"));
        as(EntraDirectory.FABRIKAM_ANALYST).post(startPath()).then().statusCode(404);
    }

    @Test
    @Order(2)
    void forgedUnknownOrForeignBrowserStatesAreRefused() {
        SignIn signIn = start();
        String callback = authorize(signIn.authorizationUrl());
        given().urlEncodingEnabled(false).redirects().follow(false).get(callback).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("another browser"));
        given().urlEncodingEnabled(false).redirects().follow(false).cookie("ehr_smart_binding", signIn.binding())
                .get(callback).then().statusCode(400).body("title", equalTo("Sign-in not recognised"));
        given().cookie("ehr_smart_binding", signIn.binding())
                .get("/api/v1/smart/callback?state=forged&code=x").then().statusCode(400);
        given().get("/api/v1/smart/callback").then().statusCode(400);
        as(EntraDirectory.CONTOSO_ANALYST).post("/api/v1/configurations/" + configurationId + "/approval").then()
                .statusCode(409).body("detail", containsString("Sign in to Epic first"));
    }

    @Test
    @Order(3)
    void anEditWhileTheAnalystSignsInVoidsTheSignIn() {
        SignIn signIn = start();
        String callback = authorize(signIn.authorizationUrl());
        String otherInstance = ehr.baseUrl() + "/edited-" + System.nanoTime() + EhrStandIn.FHIR_PATH;
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("fhirBaseUrl", otherInstance))
                .patch("/api/v1/configurations/" + configurationId).then().statusCode(200);

        given().urlEncodingEnabled(false).redirects().follow(false).cookie("ehr_smart_binding", signIn.binding())
                .get(callback).then().statusCode(400).body(containsString("changed while you were signing in"));
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + configurationId).then()
                .body("smartValidatedAt", equalTo(null));

        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("fhirBaseUrl", ehr.fhirBaseUrl()))
                .patch("/api/v1/configurations/" + configurationId).then().statusCode(200);
    }

    @Test
    @Order(4)
    void aDeniedSignInRecordsNothing() {
        SignIn signIn = start();
        String query = URI.create(signIn.authorizationUrl()).getRawQuery();
        String state = query.replaceAll(".*state=([^&]+).*", "$1");
        given().cookie("ehr_smart_binding", signIn.binding())
                .get("/api/v1/smart/callback?error=access_denied&state=" + state).then().statusCode(400)
                .body(containsString("access_denied"));
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + configurationId).then()
                .body("smartValidatedAt", equalTo(null));
    }

    @Test
    @Order(5)
    void theNamedAnalystSignsInToEpicAndThenApproves() {
        SignIn signIn = start();
        URI authorize = URI.create(signIn.authorizationUrl());
        assertTrue(authorize.toString().startsWith(ehr.authorizeEndpoint()), authorize.toString());
        assertTrue(authorize.getRawQuery().contains("code_challenge_method=S256"));
        assertTrue(authorize.getQuery().contains("aud=" + ehr.fhirBaseUrl()));

        String callback = authorize(signIn.authorizationUrl());
        given().urlEncodingEnabled(false).redirects().follow(false).cookie("ehr_smart_binding", signIn.binding()).get(callback).then()
                .statusCode(200).body(containsString("validated"));

        List<TokenRequest> exchanges = ehr.tokenRequests();
        TokenRequest last = exchanges.get(exchanges.size() - 1);
        assertEquals(EPIC_TEST_PROVIDER_CLIENT, last.clientId());
        assertTrue(last.succeeded(), last.toString());

        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + configurationId).then()
                .body("smartValidatedAt", notNullValue())
                .body("smartValidatedBy", equalTo(EntraDirectory.CONTOSO_ANALYST.userPrincipalName().toLowerCase()));
        as(EntraDirectory.CONTOSO_ANALYST).post("/api/v1/configurations/" + configurationId + "/approval").then()
                .statusCode(200).body("status", equalTo("APPROVED"));

        given().urlEncodingEnabled(false).redirects().follow(false).cookie("ehr_smart_binding", signIn.binding()).get(callback).then()
                .statusCode(400).body("title", equalTo("Sign-in not recognised"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    @Test
    @Order(0)
    void theCallbackIsThePublicUrlWhateverHostTheRequestNames() {
        // Behind the ingress the request is plain http; its Host and forwarded headers are whatever the client sent.
        Response response = as(EntraDirectory.CONTOSO_ANALYST).header("Host", "attacker.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "attacker.example").post(startPath());

        response.then().statusCode(200);
        String redirectUri = Arrays.stream(URI.create(response.jsonPath().getString("authorizationUrl")).getRawQuery()
                        .split("&")).filter(p -> p.startsWith("redirect_uri=")).findFirst().orElseThrow();
        assertEquals(app.toString().replaceAll("/$", "") + "/api/v1/smart/callback",
                URLDecoder.decode(redirectUri.substring("redirect_uri=".length()), StandardCharsets.UTF_8));
    }

    private record SignIn(String authorizationUrl, String binding) {
    }

    private SignIn start() {
        Response response = as(EntraDirectory.CONTOSO_ANALYST).post(startPath());
        response.then().statusCode(200);
        String binding = response.getCookie("ehr_smart_binding");
        assertNotNull(binding);
        return new SignIn(response.jsonPath().getString("authorizationUrl"), binding);
    }

    /** The browser at Epic: the stand-in signs the user in and redirects back with code, state and iss. */
    private String authorize(String authorizationUrl) {
        Response atEpic = given().relaxedHTTPSValidation().urlEncodingEnabled(false).redirects().follow(false).get(authorizationUrl);
        assertEquals(302, atEpic.statusCode(), authorizationUrl + " app=" + app + " -> " + atEpic.asString());
        String location = atEpic.getHeader("Location");
        assertFalse(location.contains("error="), location);
        return location;
    }

    private String startPath() {
        return "/api/v1/configurations/" + configurationId + "/smart-validation";
    }

    private RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID));
    }
}
