package io.ehrconnector.testing.standins;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SMART EHR launch against {@link EhrStandIn} with plain java.net.http and nimbus, and what it must refuse. */
class EhrStandInTest {

    private static final String APP = "launch-app";
    private static final String REDIRECT = "https://connector.example/launch/callback";
    private static final EhrUser PROVIDER = EhrUser.practitioner("ehr-user-7", "prac-7");

    /** The app's key pair: EC P-384 (ES384), which SMART Backend Services lists next to RS384. */
    private static ECKey appKey;
    private static ECKey otherKey;
    private static EhrStandIn ehr;

    private final TestHttp http = new TestHttp();

    @BeforeAll
    static void start() throws JOSEException {
        appKey = new ECKeyGenerator(Curve.P_384).keyID("app-key").generate();
        otherKey = new ECKeyGenerator(Curve.P_384).keyID("app-key").generate();
        ehr = new EhrStandIn(0).start();
        ehr.registerClient(RegisteredClient.of(APP, ClientAuthentication.privateKeyJwt(new JWKSet(appKey)), REDIRECT));
        Appointment appointment = new Appointment();
        appointment.setId("appt-1");
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        ehr.putResource(appointment);
    }

    @AfterAll
    static void stop() {
        ehr.stop();
    }

    @AfterEach
    void resetBehaviour() {
        ehr.codeLifetime(Duration.ofSeconds(60)).interactiveSignIn(false).endOutage();
    }

    @Test
    void smartConfigurationAdvertisesWhatTheConnectorNeeds() {
        JsonNode config = TestHttp.json(http.get(ehr.fhirBaseUrl() + "/.well-known/smart-configuration"));
        assertEquals(ehr.authorizeEndpoint(), config.get("authorization_endpoint").asText());
        assertEquals(ehr.tokenEndpoint(), config.get("token_endpoint").asText());
        assertEquals(ehr.jwksUri(), config.get("jwks_uri").asText());
        List<String> capabilities = strings(config.get("capabilities"));
        assertTrue(capabilities.containsAll(List.of("launch-ehr", "launch-standalone", "client-confidential-asymmetric",
                "context-ehr-encounter", "sso-openid-connect")), capabilities.toString());
        assertEquals(List.of("S256"), strings(config.get("code_challenge_methods_supported")));
        assertTrue(strings(config.get("grant_types_supported")).contains("client_credentials"));
        assertTrue(strings(config.get("token_endpoint_auth_methods_supported")).contains("private_key_jwt"));
        assertTrue(config.get("authorization_response_iss_parameter_supported").asBoolean());
    }

    @Test
    void metadataIsACapabilityStatementWithTheSmartSecurityExtension() {
        HttpResponse<String> response = http.get(ehr.fhirBaseUrl() + "/metadata");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"));
        CapabilityStatement statement = FhirContext.forR4Cached().newJsonParser()
                .parseResource(CapabilityStatement.class, response.body());
        assertEquals("4.0.1", statement.getFhirVersion().toCode());
        var oauthUris = statement.getRestFirstRep().getSecurity()
                .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertEquals(ehr.tokenEndpoint(), oauthUris.getExtensionByUrl("token").getValue().primitiveValue());
        assertEquals(ehr.authorizeEndpoint(), oauthUris.getExtensionByUrl("authorize").getValue().primitiveValue());
    }

    @Test
    void fullEhrLaunchWithPrivateKeyJwtYieldsContextAndAVerifiableIdToken() throws Exception {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(PROVIDER).appointment("appt-1").csn("csn-42")
                .encounter("enc-1").patient("pat-1").loginDepartment("dep-9").needPatientBanner(false)
                .param("sessionId", "sess-1").build());
        JsonNode config = TestHttp.json(http.get(ehr.fhirBaseUrl() + "/.well-known/smart-configuration"));
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String state = TestHttp.random();
        String nonce = TestHttp.random();

        HttpResponse<String> authorize = http.get(config.get("authorization_endpoint").asText(),
                authorizeParams(launch, pkce, state, Map.of("nonce", nonce)));
        assertEquals(302, authorize.statusCode());
        assertTrue(authorize.headers().firstValue("Location").orElseThrow().startsWith(REDIRECT + "?"));
        Map<String, String> callback = TestHttp.redirectParams(authorize);
        assertEquals(state, callback.get("state"));
        assertEquals(ehr.fhirBaseUrl(), callback.get("iss"));
        assertNotNull(callback.get("code"));

        HttpResponse<String> tokenResponse = exchange(callback.get("code"), pkce.verifier(), REDIRECT, assertion(appKey, UUID.randomUUID().toString()));
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        assertEquals("no-store", tokenResponse.headers().firstValue("Cache-Control").orElse(""));
        JsonNode token = TestHttp.json(tokenResponse);
        assertEquals("Bearer", token.get("token_type").asText());
        assertTrue(token.get("expires_in").asLong() > 0);
        assertEquals("launch openid fhirUser", token.get("scope").asText());
        assertEquals("appt-1", token.get("appointment").asText());
        assertEquals("csn-42", token.get("csn").asText());
        assertEquals("enc-1", token.get("encounter").asText());
        assertEquals("pat-1", token.get("patient").asText());
        assertEquals("dep-9", token.get("loginDepartment").asText());
        assertEquals("sess-1", token.get("sessionId").asText());
        assertFalse(token.get("need_patient_banner").asBoolean());

        JWKSet published = JWKSet.parse(http.get(config.get("jwks_uri").asText()).body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(published)));
        JWTClaimsSet idToken = processor.process(token.get("id_token").asText(), null);
        assertEquals(ehr.fhirBaseUrl(), idToken.getIssuer());
        assertEquals(List.of(APP), idToken.getAudience());
        assertEquals("ehr-user-7", idToken.getSubject());
        assertEquals(ehr.fhirBaseUrl() + "/Practitioner/prac-7", idToken.getStringClaim("fhirUser"));
        assertEquals(nonce, idToken.getStringClaim("nonce"));

        HttpResponse<String> appointment = http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", token.get("access_token").asText());
        assertEquals(200, appointment.statusCode());
        assertEquals("Appointment", TestHttp.json(appointment).get("resourceType").asText());

        TokenRequest recorded = ehr.tokenRequests().getLast();
        assertEquals(APP, recorded.clientId());
        assertEquals("private_key_jwt", recorded.clientAuthMethod());
        assertTrue(recorded.succeeded());
    }

    @Test
    void wrongCodeVerifierIsRejected() throws Exception {
        String code = authorizeCode(TestHttp.PkcePair.create());
        HttpResponse<String> response = exchange(code, TestHttp.PkcePair.create().verifier(), REDIRECT, assertion(appKey, UUID.randomUUID().toString()));
        assertOAuthError(response, 400, "invalid_grant");
    }

    @Test
    void reusedCodeIsRejectedAndRevokesTheTokensItProduced() throws Exception {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String code = authorizeCode(pkce);
        HttpResponse<String> first = exchange(code, pkce.verifier(), REDIRECT, assertion(appKey, UUID.randomUUID().toString()));
        assertEquals(200, first.statusCode());
        String accessToken = TestHttp.json(first).get("access_token").asText();

        HttpResponse<String> second = exchange(code, pkce.verifier(), REDIRECT, assertion(appKey, UUID.randomUUID().toString()));
        assertOAuthError(second, 400, "invalid_grant");
        assertEquals(401, http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", accessToken).statusCode());
    }

    @Test
    void expiredCodeIsRejected() throws Exception {
        ehr.codeLifetime(Duration.ZERO);
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String code = authorizeCode(pkce);
        Thread.sleep(5);
        assertOAuthError(exchange(code, pkce.verifier(), REDIRECT, assertion(appKey, UUID.randomUUID().toString())), 400, "invalid_grant");
    }

    @Test
    void redirectUriMustMatchAtTheTokenEndpoint() throws Exception {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String code = authorizeCode(pkce);
        HttpResponse<String> response = exchange(code, pkce.verifier(), REDIRECT + "/other", assertion(appKey, UUID.randomUUID().toString()));
        assertOAuthError(response, 400, "invalid_grant");
    }

    @Test
    void unregisteredClientOrRedirectGetsAnErrorPageNotARedirect() {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        Map<String, String> unknownClient = new LinkedHashMap<>(authorizeParams(null, pkce, "s", Map.of()));
        unknownClient.put("client_id", "not-registered");
        HttpResponse<String> byClient = http.get(ehr.authorizeEndpoint(), unknownClient);
        assertEquals(400, byClient.statusCode());
        assertTrue(byClient.headers().firstValue("Location").isEmpty());

        Map<String, String> openRedirect = new LinkedHashMap<>(authorizeParams(null, pkce, "s", Map.of()));
        openRedirect.put("redirect_uri", "https://attacker.example/steal");
        HttpResponse<String> byRedirect = http.get(ehr.authorizeEndpoint(), openRedirect);
        assertEquals(400, byRedirect.statusCode());
        assertTrue(byRedirect.headers().firstValue("Location").isEmpty());
    }

    @Test
    void unregisteredClientIsRejectedAtTheTokenEndpoint() throws Exception {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String code = authorizeCode(pkce);
        Map<String, String> form = tokenForm(code, pkce.verifier(), REDIRECT);
        form.put("client_assertion_type", ClientAuthenticator.JWT_BEARER_ASSERTION);
        form.put("client_assertion", assertion(appKey, UUID.randomUUID().toString(), "not-registered", ehr.tokenEndpoint()));
        assertOAuthError(http.postForm(ehr.tokenEndpoint(), form), 401, "invalid_client");
        assertEquals("invalid_client", ehr.tokenRequests().getLast().error());
    }

    @Test
    void authorizeErrorsRedirectWithErrorStateAndIss() {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        Map<String, String> noPkce = new LinkedHashMap<>(authorizeParams(null, pkce, "state-1", Map.of()));
        noPkce.remove("code_challenge");
        Map<String, String> error = TestHttp.redirectParams(http.get(ehr.authorizeEndpoint(), noPkce));
        assertEquals("invalid_request", error.get("error"));
        assertEquals("state-1", error.get("state"));
        assertEquals(ehr.fhirBaseUrl(), error.get("iss"));

        Map<String, String> wrongAud = new LinkedHashMap<>(authorizeParams(null, pkce, "state-2", Map.of()));
        wrongAud.put("aud", "https://other-ehr.example/api/FHIR/R4");
        assertEquals("invalid_request", TestHttp.redirectParams(http.get(ehr.authorizeEndpoint(), wrongAud)).get("error"));

        Map<String, String> unknownLaunch = authorizeParams("no-such-launch", pkce, "state-3", Map.of());
        assertEquals("invalid_request", TestHttp.redirectParams(http.get(ehr.authorizeEndpoint(), unknownLaunch)).get("error"));
    }

    @Test
    void clientAssertionsAreCheckedForSignatureAndReplay() throws Exception {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String forged = assertion(otherKey, UUID.randomUUID().toString());
        assertOAuthError(exchange(authorizeCode(pkce), pkce.verifier(), REDIRECT, forged), 401, "invalid_client");

        String jti = UUID.randomUUID().toString();
        TestHttp.PkcePair again = TestHttp.PkcePair.create();
        assertEquals(200, exchange(authorizeCode(again), again.verifier(), REDIRECT, assertion(appKey, jti)).statusCode());
        TestHttp.PkcePair replay = TestHttp.PkcePair.create();
        assertOAuthError(exchange(authorizeCode(replay), replay.verifier(), REDIRECT, assertion(appKey, jti)), 401, "invalid_client");
    }

    @Test
    void confidentialClientWithClientSecretBasic() {
        ehr.registerClient(RegisteredClient.of("secret-app", ClientAuthentication.secret("s3cret"), REDIRECT));
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        Map<String, String> params = new LinkedHashMap<>(authorizeParams(null, pkce, "st", Map.of()));
        params.put("client_id", "secret-app");
        params.put("scope", "openid fhirUser launch/patient");
        String code = TestHttp.redirectParams(http.get(ehr.authorizeEndpoint(), params)).get("code");

        HttpResponse<String> wrongSecret = http.postForm(ehr.tokenEndpoint(), tokenForm(code, pkce.verifier(), REDIRECT),
                "Authorization", TestHttp.basic("secret-app", "wrong"));
        assertOAuthError(wrongSecret, 401, "invalid_client");

        String code2 = TestHttp.redirectParams(http.get(ehr.authorizeEndpoint(), params)).get("code");
        HttpResponse<String> ok = http.postForm(ehr.tokenEndpoint(), tokenForm(code2, pkce.verifier(), REDIRECT),
                "Authorization", TestHttp.basic("secret-app", "s3cret"));
        assertEquals(200, ok.statusCode(), ok.body());
        JWTClaimsSet claims = verify(TestHttp.json(ok).get("id_token").asText());
        assertEquals("ehr-user-standalone", claims.getSubject());
        assertEquals("client_secret_basic", ehr.tokenRequests().getLast().clientAuthMethod());
    }

    @Test
    void backendServiceWritesAuditEventsAndUpdatesEncounters() throws Exception {
        HttpServer jwksHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(appKey).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        jwksHost.createContext("/jwks", exchange -> {
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksHost.start();
        try {
            int writesBefore = ehr.writes().size();
            String jwksUrl = "http://127.0.0.1:" + jwksHost.getAddress().getPort() + "/jwks";
            ehr.registerClient(RegisteredClient.of("backend", ClientAuthentication.privateKeyJwt(URI.create(jwksUrl))));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("scope", "system/AuditEvent.c system/Encounter.u");
            form.put("client_assertion_type", ClientAuthenticator.JWT_BEARER_ASSERTION);
            form.put("client_assertion", assertion(appKey, UUID.randomUUID().toString(), "backend", ehr.tokenEndpoint()));
            HttpResponse<String> tokenResponse = http.postForm(ehr.tokenEndpoint(), form);
            assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
            String token = TestHttp.json(tokenResponse).get("access_token").asText();
            assertNull(TestHttp.json(tokenResponse).get("id_token"));

            AuditEvent audit = new AuditEvent();
            audit.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110100", "Application Activity"));
            audit.setRecorded(new Date());
            audit.addAgent().setRequestor(true);
            audit.getSource().setSite("connector");
            String auditJson = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(audit);
            HttpResponse<String> created = http.send("POST", ehr.fhirBaseUrl() + "/AuditEvent", token, "application/fhir+json", auditJson);
            assertEquals(201, created.statusCode(), created.body());
            String location = created.headers().firstValue("Location").orElseThrow();
            assertTrue(location.matches(java.util.regex.Pattern.quote(ehr.fhirBaseUrl()) + "/AuditEvent/[^/]+/_history/1"), location);

            Encounter encounter = new Encounter();
            encounter.setId("enc-1");
            encounter.setStatus(Encounter.EncounterStatus.PLANNED);
            ehr.putResource(encounter);
            HttpResponse<String> patched = http.send("PATCH", ehr.fhirBaseUrl() + "/Encounter/enc-1", token,
                    "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"in-progress\"}]");
            assertEquals(200, patched.statusCode(), patched.body());
            assertEquals(Encounter.EncounterStatus.INPROGRESS, ehr.resource(Encounter.class, "enc-1").orElseThrow().getStatus());

            List<FhirWrite> writes = ehr.writes().subList(writesBefore, ehr.writes().size());
            assertEquals(List.of("create", "patch"), writes.stream().map(FhirWrite::interaction).toList());
            assertEquals("AuditEvent", writes.getFirst().resourceType());
            assertEquals(auditJson, writes.getFirst().body());
        } finally {
            jwksHost.stop(0);
        }
    }

    @Test
    void backendServicesMustUsePrivateKeyJwt() {
        ehr.registerClient(RegisteredClient.of("secret-backend", ClientAuthentication.secret("s3cret")));
        HttpResponse<String> response = http.postForm(ehr.tokenEndpoint(),
                Map.of("grant_type", "client_credentials", "scope", "system/*.read"),
                "Authorization", TestHttp.basic("secret-backend", "s3cret"));
        assertOAuthError(response, 400, "unauthorized_client");
    }

    @Test
    void fhirCallsNeedABearerToken() {
        HttpResponse<String> anonymous = http.get(ehr.fhirBaseUrl() + "/Appointment/appt-1");
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="));
        HttpResponse<String> bogus = http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", "made-up");
        assertEquals(401, bogus.statusCode());
        assertTrue(bogus.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertEquals(404, http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/nope",
                ehr.issueAccessToken("backend", "system/*.read")).statusCode());
    }

    @Test
    void outagesAnswer503UntilTheyEnd() throws Exception {
        String token = ehr.issueAccessToken("backend", "system/*.read");
        ehr.failNextFhirRequests(2, 503);
        assertEquals(503, http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", token).statusCode());
        assertEquals(503, http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", token).statusCode());
        assertEquals(200, http.getWithBearer(ehr.fhirBaseUrl() + "/Appointment/appt-1", token).statusCode());

        ehr.simulateOutage(Duration.ofMinutes(5));
        HttpResponse<String> down = http.get(ehr.fhirBaseUrl() + "/metadata");
        assertEquals(503, down.statusCode());
        assertTrue(down.headers().firstValue("Retry-After").isPresent());
        ehr.endOutage();
        assertEquals(200, http.get(ehr.fhirBaseUrl() + "/metadata").statusCode());

        ehr.simulateOutage(Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(ehr.fhirBaseUrl() + "/metadata").statusCode() == 200);
    }

    @Test
    void interactiveModeShowsASignInPageWhoseApproveButtonCompletesTheLaunch() {
        ehr.interactiveSignIn(true);
        String launch = ehr.registerLaunch(SmartLaunch.forUser(PROVIDER).appointment("appt-1").build());
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        Map<String, String> params = authorizeParams(launch, pkce, "st-9", Map.of());
        HttpResponse<String> page = http.get(ehr.authorizeEndpoint(), params);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""), page.body());
        assertTrue(page.body().contains("value=\"approve\""));

        Map<String, String> approved = new LinkedHashMap<>(params);
        approved.put(SmartAuthorizeEndpoint.DECISION_FIELD, "approve");
        Map<String, String> callback = TestHttp.redirectParams(http.postForm(ehr.authorizeEndpoint(), approved));
        assertNotNull(callback.get("code"));
        assertEquals("st-9", callback.get("state"));

        approved.put(SmartAuthorizeEndpoint.DECISION_FIELD, "deny");
        assertEquals("access_denied", TestHttp.redirectParams(http.postForm(ehr.authorizeEndpoint(), approved)).get("error"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Map<String, String> authorizeParams(String launch, TestHttp.PkcePair pkce, String state, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", APP);
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "launch openid fhirUser");
        params.put("state", state);
        params.put("aud", ehr.fhirBaseUrl());
        if (launch != null) {
            params.put("launch", launch);
        }
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return params;
    }

    private String authorizeCode(TestHttp.PkcePair pkce) {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(PROVIDER).appointment("appt-1").build());
        HttpResponse<String> response = http.get(ehr.authorizeEndpoint(), authorizeParams(launch, pkce, "s", Map.of()));
        assertEquals(302, response.statusCode(), response.body());
        return TestHttp.redirectParams(response).get("code");
    }

    private static Map<String, String> tokenForm(String code, String verifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        return form;
    }

    private HttpResponse<String> exchange(String code, String verifier, String redirectUri, String clientAssertion) {
        Map<String, String> form = tokenForm(code, verifier, redirectUri);
        form.put("client_assertion_type", ClientAuthenticator.JWT_BEARER_ASSERTION);
        form.put("client_assertion", clientAssertion);
        return http.postForm(ehr.tokenEndpoint(), form);
    }

    private String assertion(ECKey key, String jti) throws JOSEException {
        return assertion(key, jti, APP, ehr.tokenEndpoint());
    }

    private static String assertion(ECKey key, String jti, String clientId, String audience) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience).jwtID(jti)
                        .expirationTime(Date.from(Instant.now().plusSeconds(240))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet verify(String idToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            assertTrue(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(ehr.publicKeys().getKeys().getFirst().toRSAKey())));
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertOAuthError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, TestHttp.json(response).get("error").asText(), response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
