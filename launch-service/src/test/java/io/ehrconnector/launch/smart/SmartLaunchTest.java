package io.ehrconnector.launch.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.keys.TestKeyRings;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.ehrconnector.testing.standins.SmartLaunch;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMART EHR launches end to end: launch-service against the Epic stand-in (SMART discovery, authorize with PKCE, token with
 * the connector's private_key_jwt, RS256 id_token), Entra ID and Graph stand-ins through the real SDKs, real PostgreSQL and
 * Kafka. The browser is played by REST Assured, following each redirect by hand so every hop can be checked.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(GraphResource.class)
class SmartLaunchTest {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final String PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000a001";
    private static final String PATIENT_CLIENT = "00000000-0000-0000-0000-00000000a002";
    private static final String REDIRECT_URI = "https://teams-ehr.test.example/launch/callback";
    private static final String SIGN_IN_REDIRECT_URI = "https://teams-ehr.test.example/launch/m365/callback";

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    GraphStandIn graph;

    @InjectStandIn
    EntraIdStandIn entra;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();
    private String configurationId;

    @BeforeEach
    void approvedConfigurationAndKeys() {
        ConnectorKeyRing ring = TestKeyRings.activeOnly(Environment.TEST, TestKeyRings.newKey());
        TestKeyRings.publish(kafka, ring);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(ring.version()).equals(ServiceDatabase
                .value("select version from connector_key_ring where environment = 'TEST'")));
        JWKSet publicKeys = TestKeyRings.publicKeys(ring);
        ehr.registerClient(RegisteredClient.of(PROVIDER_CLIENT, ClientAuthentication.privateKeyJwt(publicKeys), REDIRECT_URI));
        ehr.registerClient(RegisteredClient.of(PATIENT_CLIENT, ClientAuthentication.privateKeyJwt(publicKeys), REDIRECT_URI));
        configurationId = approve(ehr.fhirBaseUrl(), Environment.TEST, ConfigurationSnapshot.Status.APPROVED);
        entra.registerClient(RegisteredClient.of("ehr-connector", ClientAuthentication.secret("launch-test-secret"),
                SIGN_IN_REDIRECT_URI));
        entra.signInAutomaticallyAs(EntraDirectory.CONTOSO_PROVIDER);
    }

    /** As if the provider had signed in to Microsoft 365 on an earlier launch. */
    private void linked(String practitionerId) {
        ServiceDatabase.execute("insert into provider_account (configuration_id, ehr_user_id, tenant_id, m365_object_id,"
                + " linked_at, last_launch_at) values (?, ?, ?, ?, now(), now()) on conflict do nothing", configurationId,
                ehr.fhirBaseUrl() + "/Practitioner/" + practitionerId, EntraDirectory.CONTOSO.id(),
                EntraDirectory.CONTOSO_PROVIDER.objectId());
    }

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    /** config-service keeps FHIR base URLs unique; the latest approval of the stand-in's URL is the one in force. */
    private String approve(String fhirBaseUrl, Environment environment, ConfigurationSnapshot.Status status) {
        ServiceDatabase.execute("delete from known_configuration where fhir_base_url = ?", fhirBaseUrl);
        String id = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.publish(kafka, new ConfigurationSnapshot(id, EntraDirectory.CONTOSO.id(), environment,
                fhirBaseUrl, status, VERSIONS.incrementAndGet(), "Northwind Health", "America/Chicago", null, List.of(),
                OffsetDateTime.now(ZoneOffset.UTC)));
        return id;
    }

    // ---- the happy paths ---------------------------------------------------------------------------------------------

    @Test
    void aProvidersFirstLaunchLinksTheirMicrosoft365AccountAndEndsInTheVisitsTeamsMeeting() {
        String csn = "CSN" + System.nanoTime();
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER1", "prac-1"))
                .param("sessionId", csn).encounter("enc-1").build());

        Hop start = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch);
        assertEquals(ehr.authorizeEndpoint(), start.formAction());
        Map<String, String> query = start.authorizationRequest();
        assertEquals(PROVIDER_CLIENT, query.get("client_id"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(ehr.fhirBaseUrl(), query.get("aud"));
        assertEquals(REDIRECT_URI, query.get("redirect_uri"));
        assertTrue(query.get("scope").contains("launch") && query.get("scope").contains("openid"));
        assertTrue(query.get("state").length() >= 43, "state carries at least 256 bits");

        // Not linked yet: to the Microsoft 365 sign-in of the configuration's own tenant first.
        Response toSignIn = callback(authorizeAtEhr(start), start.cookies());
        assertEquals(302, toSignIn.statusCode(), toSignIn.asString());
        URI signIn = URI.create(toSignIn.header("Location"));
        assertTrue(signIn.toString().startsWith(entra.authorizeEndpoint(EntraDirectory.CONTOSO.id())), signIn.toString());
        assertEquals("S256", query(signIn).get("code_challenge_method"));
        assertEquals(SIGN_IN_REDIRECT_URI, query(signIn).get("redirect_uri"));

        Response back = given().urlEncodingEnabled(false).redirects().follow(false).get(signIn);
        assertEquals(302, back.statusCode(), back.asString());
        URI signInCallback = URI.create(back.header("Location"));
        Response joined = rawGet("/launch/m365/callback?" + signInCallback.getRawQuery(), toSignIn.getCookies());
        assertEquals(303, joined.statusCode(), joined.asString());
        String joinUrl = joined.header("Location");
        assertTrue(joinUrl.startsWith("https://teams.microsoft.com/l/meetup-join/"), joinUrl);
        assertEquals(EntraDirectory.CONTOSO_PROVIDER.objectId(), ServiceDatabase.value("select m365_object_id from"
                + " provider_account where configuration_id = ? and ehr_user_id = ?", configurationId,
                ehr.fhirBaseUrl() + "/Practitioner/prac-1"));
        assertEquals(400, rawGet("/launch/m365/callback?" + signInCallback.getRawQuery(), toSignIn.getCookies())
                .statusCode(), "the sign-in's state is single use");

        Map<String, Object> meeting = graph.meetings().stream()
                .filter(m -> joinUrl.equals(m.get("joinWebUrl"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(meeting.get("subject")).startsWith("Virtual visit"));
        JsonNode event = launchEvent(csn, "PROVIDER");
        assertEquals(configurationId, event.path("configurationId").asText());
        assertEquals(ehr.fhirBaseUrl() + "/Practitioner/prac-1", event.path("ehrUserId").asText());
        assertEquals(meeting.get("id"), event.path("meetingId").asText());

        // Every later launch goes straight into the meeting.
        int entraRequests = entra.requests().size();
        String again = completeLaunch("/launch/test/provider", SmartLaunch.forUser(EhrUser.practitioner("EHRUSER1",
                "prac-1")).param("sessionId", csn).build());
        assertEquals(joinUrl, again);
        assertEquals(entraRequests, entra.requests().size(), "no Microsoft 365 sign-in the second time");
    }

    @Test
    void aPatientAndTheProviderOfOneVisitShareOneMeetingAndThePatientIsNotNamed() {
        String csn = "CSN" + System.nanoTime();
        linked("prac-2");
        String providerJoin = completeLaunch("/launch/test/provider", SmartLaunch.forUser(EhrUser.practitioner("EHRUSER2",
                "prac-2")).param("sessionId", csn).build());
        String patientJoin = completeLaunch("/launch/test/patient", SmartLaunch.forUser(new EhrUser("MYCHART-9",
                "Patient/pat-9")).patient("pat-9").param("sessionId", csn).build());
        assertEquals(providerJoin, patientJoin);

        JsonNode patientEvent = launchEvent(csn, "PATIENT");
        assertTrue(patientEvent.path("ehrUserId").isNull() || patientEvent.path("ehrUserId").isMissingNode());
        assertEquals("MYCHART", patientEvent.path("ehrClient").asText());
    }

    @Test
    void groupVisitParticipantsSharingAConferenceIdShareOneMeeting() {
        String conference = "CONF" + System.nanoTime();
        linked("prac-g1");
        linked("prac-g2");
        String first = completeLaunch("/launch/test/group", SmartLaunch.forUser(EhrUser.practitioner("EHRUSERG1",
                "prac-g1")).param("sessionId", conference).build());
        String second = completeLaunch("/launch/test/group", SmartLaunch.forUser(EhrUser.practitioner("EHRUSERG2",
                "prac-g2")).param("sessionId", conference).build());
        String patient = completeLaunch("/launch/test/patient", SmartLaunch.forUser(new EhrUser("MYCHART-G",
                "Patient/pat-g")).param("sessionId", conference).build());
        assertEquals(first, second);
        assertEquals(first, patient);
        JsonNode event = launchEvent(conference, "GROUP");
        assertTrue(event.path("ehrUserId").asText().endsWith("/Practitioner/prac-g1")
                || event.path("ehrUserId").asText().endsWith("/Practitioner/prac-g2"));
    }

    // ---- refusals ----------------------------------------------------------------------------------------------------

    @Test
    void anIssThatIsNotAnApprovedConfigurationGetsAPageAndNoRedirect() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER3", "prac-3")).build());
        for (String iss : List.of("https://evil.example/api/FHIR/R4", "https://teams.microsoft.com.evil.example/", "")) {
            Response refused = launch("/launch/test/provider", iss, launch).response();
            assertTrue(refused.statusCode() == 403 || refused.statusCode() == 400, iss + " -> " + refused.statusCode());
            assertNull(refused.header("Location"), "no redirect for " + iss);
            assertTrue(refused.contentType().startsWith("text/html"));
        }
        approve(ehr.fhirBaseUrl(), Environment.TEST, ConfigurationSnapshot.Status.PENDING_APPROVAL);
        Response pending = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch).response();
        assertEquals(403, pending.statusCode());
        assertTrue(pending.asString().contains("not set up"), pending.asString());
    }

    @Test
    void aTestConfigurationLaunchedThroughTheProductionUrlIsRefusedNamingBothEnvironments() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER4", "prac-4")).build());
        Response refused = launch("/launch/production/provider", ehr.fhirBaseUrl(), launch).response();
        assertEquals(403, refused.statusCode());
        assertTrue(refused.asString().contains("production") && refused.asString().contains("test"), refused.asString());
        assertNull(refused.header("Location"));
        assertEquals(404, launch("/launch/staging/provider", ehr.fhirBaseUrl(), launch).response().statusCode());
        assertEquals(404, launch("/launch/test/admin", ehr.fhirBaseUrl(), launch).response().statusCode());
    }

    @Test
    void aReplayedForgedOrForeignBrowserStateIsRefused() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER5", "prac-5"))
                .param("sessionId", "CSN-R").build());
        Hop start = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch);
        URI callback = authorizeAtEhr(start);

        Response otherBrowser = callback(callback, Map.of());
        assertEquals(400, otherBrowser.statusCode());
        assertTrue(otherBrowser.asString().contains("another browser"), otherBrowser.asString());
        Response replayed = callback(callback, start.cookies());
        assertEquals(400, replayed.statusCode(), "the state was consumed by the first attempt");

        Response forged = given().redirects().follow(false).cookies(start.cookies())
                .get("/launch/callback?code=abc&state=" + "A".repeat(43));
        assertEquals(400, forged.statusCode());
        assertEquals(400, given().redirects().follow(false).get("/launch/callback?code=abc").statusCode());
    }

    @Test
    void anAnswerNamingAnotherAuthorizationServerIsRefusedBeforeTheCodeIsSpent() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER6", "prac-6"))
                .param("sessionId", "CSN-M").build());
        Hop start = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch);
        URI callback = authorizeAtEhr(start);
        int tokenRequests = ehr.tokenRequests().size();
        String mixedUp = callback.getRawQuery().replaceAll("iss=[^&]*", "iss=https%3A%2F%2Fattacker.example%2Ffhir");
        Response refused = rawGet("/launch/callback?" + mixedUp, start.cookies());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.asString().contains("wrong server"), refused.asString());
        assertEquals(tokenRequests, ehr.tokenRequests().size(), "the code never reached any token endpoint");
    }

    @Test
    void aCodeIssuedForAnotherLaunchFailsPkceAtEpic() {
        String launchA = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER7", "prac-7"))
                .param("sessionId", "CSN-A").build());
        String launchB = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER7", "prac-7"))
                .param("sessionId", "CSN-B").build());
        Hop a = launch("/launch/test/provider", ehr.fhirBaseUrl(), launchA);
        Hop b = launch("/launch/test/provider", ehr.fhirBaseUrl(), launchB);
        URI callbackA = authorizeAtEhr(a);
        URI callbackB = authorizeAtEhr(b);
        // B's state with A's code: the code was bound to A's code_challenge, so B's verifier fails at Epic.
        String swapped = "code=" + query(callbackA).get("code") + "&state=" + query(callbackB).get("state")
                + "&iss=" + java.net.URLEncoder.encode(ehr.fhirBaseUrl(), java.nio.charset.StandardCharsets.UTF_8);
        Response refused = rawGet("/launch/callback?" + swapped, b.cookies());
        assertEquals(502, refused.statusCode(), refused.asString());
        assertTrue(refused.asString().contains("expired or was already used"), refused.asString());
        assertEquals("invalid_grant", ehr.tokenRequests().get(ehr.tokenRequests().size() - 1).error());
    }

    @Test
    void aDeniedSignInShowsEpicsAnswerWithoutEchoingIt() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER8", "prac-8")).build());
        Hop start = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch);
        String state = start.authorizationRequest().get("state");
        Response denied = rawGet("/launch/callback?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=" + state,
                start.cookies());
        assertEquals(400, denied.statusCode());
        assertTrue(!denied.asString().contains("<script>alert"), denied.asString());
    }

    @Test
    void launchAndCallbackResponsesNeverCarryTokensAndAreNotCached() {
        linked("prac-9");
        String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("EHRUSER9", "prac-9"))
                .param("sessionId", "CSN-T").build());
        Hop start = launch("/launch/test/provider", ehr.fhirBaseUrl(), launch);
        assertEquals("no-store", start.response().header("Cache-Control"));
        assertTrue(start.response().header("Content-Security-Policy").contains("script-src 'nonce-"),
                "only the page's own script runs");
        assertNull(start.response().header("Location"), "the launch token goes to Epic in a form POST, not in a URL");
        Response joined = callback(authorizeAtEhr(start), start.cookies());
        assertEquals("no-store", joined.header("Cache-Control"));
        assertEquals("no-referrer", joined.header("Referrer-Policy"));
        assertTrue(!joined.header("Location").contains("access_token") && !joined.header("Location").contains("code="));
    }

    // ---- the browser, by hand ----------------------------------------------------------------------------------------

    /**
     * The launch's answer: the EHR advertises {@code authorize-post}, so a page whose form the browser posts to Epic's
     * authorization endpoint (a script submits it).
     */
    private record Hop(Response response, Map<String, String> cookies) {

        String formAction() {
            Matcher action = FORM_ACTION.matcher(response.asString());
            assertTrue(action.find(), response.asString());
            return unescape(action.group(1));
        }

        Map<String, String> authorizationRequest() {
            assertEquals(200, response.statusCode(), response.asString());
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher field = HIDDEN_FIELD.matcher(response.asString());
            while (field.find()) {
                fields.put(unescape(field.group(1)), unescape(field.group(2)));
            }
            return fields;
        }
    }

    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"authorize\" method=\"post\" action=\"([^\"]*)\"");
    private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static Hop launch(String path, String iss, String launch) {
        Response response = given().redirects().follow(false).queryParam("iss", iss).queryParam("launch", launch).get(path);
        return new Hop(response, response.getCookies());
    }

    /** The EHR's authorization endpoint (non-interactive, as an EHR launch is) answers with a redirect to the callback. */
    private static URI authorizeAtEhr(Hop start) {
        Response answer = given().relaxedHTTPSValidation().redirects().follow(false)
                .formParams(start.authorizationRequest()).post(start.formAction());
        assertEquals(302, answer.statusCode(), answer.asString());
        URI callback = URI.create(answer.header("Location"));
        assertTrue(callback.toString().startsWith(REDIRECT_URI + "?"), callback.toString());
        return callback;
    }

    /** Epic's redirect arrives at the connector (its public URL is the ingress; here the test server). */
    private static Response callback(URI callback, Map<String, String> cookies) {
        return rawGet("/launch/callback?" + callback.getRawQuery(), cookies);
    }

    /** A GET with the query exactly as given (already encoded, as the browser sends what Epic's redirect said). */
    private static Response rawGet(String pathAndQuery, Map<String, String> cookies) {
        return given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(pathAndQuery);
    }

    private String completeLaunch(String path, SmartLaunch smartLaunch) {
        String launch = ehr.registerLaunch(smartLaunch);
        Hop start = launch(path, ehr.fhirBaseUrl(), launch);
        Response joined = callback(authorizeAtEhr(start), start.cookies());
        assertEquals(303, joined.statusCode(), joined.asString());
        return joined.header("Location");
    }

    private JsonNode launchEvent(String appointmentId, String channel) {
        var record = kafka.awaitRecord(Topics.VISIT_LAUNCHES, r -> r.value().contains("\"" + appointmentId + "\"")
                        && r.value().contains("\"" + channel + "\""), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no launch event for " + appointmentId));
        return CloudEventCodec.mapper().valueToTree(CloudEventCodec.fromJson(record.value()).data());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
