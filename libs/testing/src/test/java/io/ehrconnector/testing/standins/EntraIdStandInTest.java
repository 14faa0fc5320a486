package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-ins against {@link EntraIdStandIn} the way Quarkus OIDC does them, with tokens verified against discovery keys. */
class EntraIdStandInTest {

    private static final String PORTAL = "config-portal";
    private static final String SECRET = "portal-secret";
    private static final String REDIRECT = "http://127.0.0.1:8081/portal/callback";
    private static final String GRAPH_APP = "launch-graph-app";

    private static EntraIdStandIn entra;
    private final TestHttp http = new TestHttp();

    @BeforeAll
    static void start() {
        entra = new EntraIdStandIn(0).start();
        entra.registerClient(RegisteredClient.of(PORTAL, ClientAuthentication.secret(SECRET), REDIRECT));
        entra.registerClient(RegisteredClient.of(GRAPH_APP, ClientAuthentication.secret("graph-secret")));
        entra.grantApplicationPermissions(GRAPH_APP, "OnlineMeetings.ReadWrite.All", "CallRecords.Read.All");
    }

    @AfterAll
    static void stop() {
        entra.stop();
    }

    @Test
    void aPersonCanSignInThroughTheBrowserCheckPageAndSeeTheVerifiedClaims() {
        HttpResponse<String> landing = http.get(entra.baseUrl() + "/");
        assertEquals(200, landing.statusCode());
        assertTrue(landing.body().contains(EntraDirectory.CONTOSO.id()) && landing.body().contains(EntraDirectory.FABRIKAM.id()));

        HttpResponse<String> toAuthorize = http.get(entra.baseUrl() + "/sign-in-check/start",
                Map.of("tenant", EntraDirectory.FABRIKAM.id(), "login_hint", EntraDirectory.FABRIKAM_ANALYST.userPrincipalName()));
        assertEquals(302, toAuthorize.statusCode());
        String authorizeUrl = toAuthorize.headers().firstValue("Location").orElseThrow();
        assertTrue(authorizeUrl.contains("code_challenge_method=S256") && authorizeUrl.contains("state="), authorizeUrl);

        HttpResponse<String> toCallback = http.get(authorizeUrl);
        assertEquals(302, toCallback.statusCode());
        String callbackUrl = toCallback.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> signedIn = http.get(callbackUrl);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertTrue(signedIn.body().contains(EntraDirectory.FABRIKAM.id()), signedIn.body());
        assertTrue(signedIn.body().contains("Connector.Analyst"), signedIn.body());

        HttpResponse<String> replayed = http.get(callbackUrl);
        assertEquals(400, replayed.statusCode(), "a state is single-use");
    }

    @Test
    void discoveryIsPerTenantAndPointsAtTheKeys() {
        JsonNode doc = TestHttp.json(http.get(entra.discoveryUrl(EntraDirectory.CONTOSO.id())));
        assertEquals(entra.baseUrl() + "/" + EntraDirectory.CONTOSO.id() + "/v2.0", doc.get("issuer").asText());
        assertEquals(entra.issuer(EntraDirectory.CONTOSO), doc.get("issuer").asText());
        assertEquals(entra.jwksUri(EntraDirectory.CONTOSO.id()), doc.get("jwks_uri").asText());
        assertEquals(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), doc.get("token_endpoint").asText());

        JsonNode common = TestHttp.json(http.get(entra.discoveryUrl("common")));
        assertEquals(entra.baseUrl() + "/{tenantid}/v2.0", common.get("issuer").asText());
        assertEquals(400, http.get(entra.discoveryUrl("no-such-tenant")).statusCode());
    }

    @Test
    void loginHintSignsInAnAdminWhoseTokensVerifyAgainstDiscoveryKeys() throws Exception {
        SignIn signIn = signIn(EntraDirectory.CONTOSO.id(), EntraDirectory.CONTOSO_ADMIN, "openid profile offline_access");
        JWTClaimsSet id = verified(signIn.tokens().get("id_token").asText(), EntraDirectory.CONTOSO.id());
        assertEquals(entra.issuer(EntraDirectory.CONTOSO), id.getIssuer());
        assertEquals(List.of(PORTAL), id.getAudience());
        assertEquals(EntraDirectory.CONTOSO.id(), id.getStringClaim("tid"));
        assertEquals(EntraDirectory.CONTOSO_ADMIN.objectId(), id.getStringClaim("oid"));
        assertEquals("admin@contoso.onmicrosoft.com", id.getStringClaim("preferred_username"));
        assertEquals(List.of(EntraDirectory.ROLE_ADMIN), id.getStringListClaim("roles"));
        assertEquals(signIn.nonce(), id.getStringClaim("nonce"));
        assertEquals("2.0", id.getStringClaim("ver"));
        assertNotNull(id.getNotBeforeTime());
        assertTrue(id.getExpirationTime().after(id.getIssueTime()));
        assertNotNull(signIn.tokens().get("refresh_token"));
        assertEquals("client_secret_post", entra.tokenRequests().getLast().clientAuthMethod());
    }

    @Test
    void rolesFollowTheUserAndTenant() throws Exception {
        SignIn both = signIn(EntraDirectory.FABRIKAM.domain(), EntraDirectory.FABRIKAM_ADMIN_ANALYST, "openid profile");
        JWTClaimsSet claims = verified(both.tokens().get("id_token").asText(), EntraDirectory.FABRIKAM.id());
        assertEquals(EntraDirectory.FABRIKAM.id(), claims.getStringClaim("tid"));
        assertEquals(List.of(EntraDirectory.ROLE_ADMIN, EntraDirectory.ROLE_ANALYST).stream().sorted().toList(),
                claims.getStringListClaim("roles").stream().sorted().toList());

        SignIn provider = signIn(EntraDirectory.CONTOSO.id(), EntraDirectory.CONTOSO_PROVIDER, "openid profile");
        assertNull(verified(provider.tokens().get("id_token").asText(), EntraDirectory.CONTOSO.id()).getClaim("roles"));
    }

    @Test
    void aUserOfAnotherTenantCannotSignInThroughThisTenant() {
        Map<String, String> params = authorizeParams(TestHttp.PkcePair.create(), "n");
        params.put("login_hint", EntraDirectory.FABRIKAM_ADMIN.userPrincipalName());
        HttpResponse<String> response = http.get(entra.authorizeEndpoint(EntraDirectory.CONTOSO.id()), params);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("admin@contoso.onmicrosoft.com"));
        assertFalse(response.body().contains("fabrikam.onmicrosoft.com"));
    }

    @Test
    void commonEndpointIssuesTokensOfTheUsersOwnTenant() throws Exception {
        SignIn signIn = signIn("common", EntraDirectory.FABRIKAM_ANALYST, "openid");
        JWTClaimsSet claims = verified(signIn.tokens().get("id_token").asText(), "common");
        assertEquals(entra.issuer(EntraDirectory.FABRIKAM), claims.getIssuer());
        assertEquals(List.of(EntraDirectory.ROLE_ANALYST), claims.getStringListClaim("roles"));
    }

    @Test
    void withoutLoginHintAPickerListsTheTenantsUsers() {
        HttpResponse<String> page = http.get(entra.authorizeEndpoint(EntraDirectory.CONTOSO.id()),
                authorizeParams(TestHttp.PkcePair.create(), "n"));
        assertEquals(200, page.statusCode());
        for (EntraUser user : List.of(EntraDirectory.CONTOSO_ADMIN, EntraDirectory.CONTOSO_ANALYST,
                EntraDirectory.CONTOSO_PROVIDER, EntraDirectory.CONTOSO_ADMIN_ANALYST)) {
            assertTrue(page.body().contains(user.userPrincipalName()), user.userPrincipalName());
        }
        assertTrue(page.body().contains("login_hint="));
    }

    @Test
    void refreshTokenYieldsFreshTokens() throws Exception {
        SignIn signIn = signIn(EntraDirectory.CONTOSO.id(), EntraDirectory.CONTOSO_ANALYST, "openid offline_access");
        HttpResponse<String> refreshed = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), Map.of(
                "grant_type", "refresh_token", "refresh_token", signIn.tokens().get("refresh_token").asText(),
                "client_id", PORTAL, "client_secret", SECRET));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JWTClaimsSet id = verified(TestHttp.json(refreshed).get("id_token").asText(), EntraDirectory.CONTOSO.id());
        assertEquals(EntraDirectory.CONTOSO_ANALYST.objectId(), id.getStringClaim("oid"));

        HttpResponse<String> bogus = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), Map.of(
                "grant_type", "refresh_token", "refresh_token", "nope", "client_id", PORTAL, "client_secret", SECRET));
        assertEquals("invalid_grant", TestHttp.json(bogus).get("error").asText());
    }

    @Test
    void clientCredentialsGiveAnAppOnlyGraphToken() throws Exception {
        HttpResponse<String> response = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), Map.of(
                "grant_type", "client_credentials", "scope", "https://graph.microsoft.com/.default"),
                "Authorization", TestHttp.basic(GRAPH_APP, "graph-secret"));
        assertEquals(200, response.statusCode(), response.body());
        String token = TestHttp.json(response).get("access_token").asText();
        JWTClaimsSet claims = verified(token, EntraDirectory.CONTOSO.id());
        assertEquals(List.of(EntraIdStandIn.GRAPH_AUDIENCE), claims.getAudience());
        assertEquals("app", claims.getStringClaim("idtyp"));
        assertEquals(EntraDirectory.CONTOSO.id(), claims.getStringClaim("tid"));
        assertTrue(claims.getStringListClaim("roles").contains("OnlineMeetings.ReadWrite.All"));
        assertTrue(entra.accessTokenValidator(EntraIdStandIn.GRAPH_AUDIENCE).test(token));
        assertFalse(entra.accessTokenValidator(PORTAL).test(token));

        HttpResponse<String> wrongScope = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), Map.of(
                "grant_type", "client_credentials", "scope", "OnlineMeetings.ReadWrite.All"),
                "Authorization", TestHttp.basic(GRAPH_APP, "graph-secret"));
        assertEquals("invalid_scope", TestHttp.json(wrongScope).get("error").asText());
    }

    @Test
    void httpsServesTheSameEndpointsOnASecondPort() throws Exception {
        assertThrows(IllegalStateException.class, entra::httpsBaseUrl);
        try (EntraIdStandIn both = new EntraIdStandIn(0).alsoServeHttps(true).start()) {
            both.registerClient(RegisteredClient.of(GRAPH_APP, ClientAuthentication.secret("graph-secret")));
            assertTrue(both.httpsBaseUrl().startsWith("https://127.0.0.1:"), both.httpsBaseUrl());
            assertTrue(Files.isReadable(both.trustStorePath()));

            HttpClient trusting = HttpClient.newBuilder().sslContext(both.sslContext()).build();
            HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(
                            URI.create(both.httpsBaseUrl() + "/" + EntraDirectory.FABRIKAM.id() + "/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", TestHttp.basic(GRAPH_APP, "graph-secret"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                            + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            String token = TestHttp.json(response).get("access_token").asText();
            assertTrue(both.accessTokenValidator(EntraIdStandIn.GRAPH_AUDIENCE).test(token));
            assertEquals(both.issuer(EntraDirectory.FABRIKAM), SignedJWT.parse(token).getJWTClaimsSet().getIssuer());
        }
    }

    @Test
    void wrongSecretAndWrongVerifierAreRefused() {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String code = authorizeCode(EntraDirectory.CONTOSO.id(), EntraDirectory.CONTOSO_ADMIN, pkce, "n", "openid");
        HttpResponse<String> wrongSecret = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()),
                tokenForm(code, pkce.verifier(), "wrong-secret"));
        assertEquals(401, wrongSecret.statusCode());
        assertEquals("invalid_client", TestHttp.json(wrongSecret).get("error").asText());

        String code2 = authorizeCode(EntraDirectory.CONTOSO.id(), EntraDirectory.CONTOSO_ADMIN, pkce, "n", "openid");
        HttpResponse<String> wrongVerifier = http.postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()),
                tokenForm(code2, TestHttp.PkcePair.create().verifier(), SECRET));
        assertEquals(400, wrongVerifier.statusCode());
        assertEquals("invalid_grant", TestHttp.json(wrongVerifier).get("error").asText());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private record SignIn(JsonNode tokens, String nonce) {
    }

    private SignIn signIn(String tenantSegment, EntraUser user, String scope) {
        TestHttp.PkcePair pkce = TestHttp.PkcePair.create();
        String nonce = TestHttp.random();
        String code = authorizeCode(tenantSegment, user, pkce, nonce, scope);
        HttpResponse<String> response = http.postForm(entra.tokenEndpoint(tenantSegment), tokenForm(code, pkce.verifier(), SECRET));
        assertEquals(200, response.statusCode(), response.body());
        return new SignIn(TestHttp.json(response), nonce);
    }

    private String authorizeCode(String tenantSegment, EntraUser user, TestHttp.PkcePair pkce, String nonce, String scope) {
        Map<String, String> params = authorizeParams(pkce, nonce);
        params.put("scope", scope);
        params.put("login_hint", user.userPrincipalName());
        HttpResponse<String> response = http.get(entra.authorizeEndpoint(tenantSegment), params);
        assertEquals(302, response.statusCode(), response.body());
        Map<String, String> callback = TestHttp.redirectParams(response);
        assertEquals(params.get("state"), callback.get("state"));
        return callback.get("code");
    }

    private static Map<String, String> authorizeParams(TestHttp.PkcePair pkce, String nonce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", PORTAL);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "openid profile");
        params.put("state", TestHttp.random());
        params.put("nonce", nonce);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static Map<String, String> tokenForm(String code, String verifier, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("code_verifier", verifier);
        form.put("client_id", PORTAL);
        form.put("client_secret", secret);
        return form;
    }

    /** Verifies a token the way a relying party does: keys from the jwks_uri named in the tenant's discovery document. */
    private JWTClaimsSet verified(String token, String tenantSegment) throws Exception {
        String jwksUri = TestHttp.json(http.get(entra.discoveryUrl(tenantSegment))).get("jwks_uri").asText();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(http.get(jwksUri).body()))));
        return processor.process(token, null);
    }
}
