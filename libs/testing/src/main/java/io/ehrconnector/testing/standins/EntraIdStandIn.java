package io.ehrconnector.testing.standins;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A multi-tenant Microsoft Entra ID (v2.0 endpoints) for tests and the local stack: per-tenant OpenID discovery, JWKS,
 * authorize (user picker page, or {@code login_hint} for tests), token (authorization code with PKCE, refresh token,
 * client credentials for app-only Graph tokens). Tokens are RS256-signed with Entra v2 claims. It starts with the
 * tenants and users of {@link EntraDirectory}.
 *
 * <p>Multi-tenant endpoints: {@code common} and {@code organizations} are served too. Their discovery document has
 * Entra's literal issuer template {@code {base}/{tenantid}/v2.0}, their sign-in page lists users of every tenant, and
 * the tokens they issue carry the signed-in user's own tenant in {@code iss} and {@code tid}, as Entra does.
 *
 * <p>Plain HTTP by default. Clients that insist on https (azure-identity and MSAL refuse any other authority) can use
 * {@link #alsoServeHttps(boolean) alsoServeHttps(true)}: the same endpoints on a second port, with a self-signed
 * certificate for 127.0.0.1 that {@link #trustStorePath()} holds. Issuers and discovery stay on the HTTP base, so tokens
 * fetched over either port are the same.
 */
public final class EntraIdStandIn implements AutoCloseable {

    /** Audience of Microsoft Graph access tokens ({@code https://graph.microsoft.com/.default}). */
    public static final String GRAPH_AUDIENCE = EntraTokenFactory.GRAPH;

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final String TENANT = "/([^/]+)";

    private final ClientRegistry clients = new ClientRegistry();
    private final EntraUserRegistry users = new EntraUserRegistry();
    private final Map<String, Set<String>> appPermissions = new ConcurrentHashMap<>();
    private final AuthorizationCodes<EntraGrant> codes = new AuthorizationCodes<>(CODE_LIFETIME);
    private final RsaSigningKey signingKey = new RsaSigningKey("entra");
    private final Router router = new Router(request -> StandInResponse.json(404,
            Map.of("error", "not_found", "error_description", "Unknown Entra ID endpoint")));
    private final JdkHttpHost host;
    private volatile boolean httpsWanted;
    private volatile SelfSignedTls tls;
    private volatile JdkHttpHost httpsHost;
    private volatile EntraUser autoSignIn;
    private volatile EntraUrls urls;
    private volatile EntraTokenFactory tokenFactory;
    private volatile EntraTokenEndpoint tokenEndpoint;

    /** @param port the port to listen on, 0 for any free one */
    public EntraIdStandIn(int port) {
        this.host = new JdkHttpHost(port, router);
    }

    public EntraIdStandIn() {
        this(0);
    }

    /** On: also serve every endpoint over HTTPS on a second port (see {@link #httpsBaseUrl()}). Set before {@link #start()}. */
    public EntraIdStandIn alsoServeHttps(boolean on) {
        if (urls != null) {
            throw new IllegalStateException("choose alsoServeHttps(...) before start()");
        }
        httpsWanted = on;
        return this;
    }

    public synchronized EntraIdStandIn start() {
        host.start();
        if (httpsWanted) {
            tls = SelfSignedTls.generate("entra");
            httpsHost = new JdkHttpHost(0, router, tls.serverContext());
            httpsHost.start();
        }
        urls = new EntraUrls(host.baseUrl());
        tokenFactory = new EntraTokenFactory(urls, signingKey);
        ClientAuthenticator authenticator = new ClientAuthenticator(EnumSet.allOf(ClientAuthenticator.Method.class), clients,
                new ClientAssertionVerifier(new OutboundHttp()));
        EntraAuthorizeEndpoint authorize = new EntraAuthorizeEndpoint(urls, users, clients, codes, () -> autoSignIn);
        tokenEndpoint = new EntraTokenEndpoint(users, urls, authenticator, codes, tokenFactory,
                clientId -> appPermissions.getOrDefault(clientId, Set.of()));

        EntraSignInCheck signInCheck = new EntraSignInCheck(urls, users::tenants, signingKey::verifiedClaims);
        clients.register(signInCheck.client());

        router.on("GET", "/", signInCheck::landingPage)
                .on("GET", EntraSignInCheck.START_PATH, signInCheck::start)
                .on("GET", EntraSignInCheck.CALLBACK_PATH, signInCheck::callback)
                .on("GET", TENANT + "/v2\\.0/\\.well-known/openid-configuration", this::discovery)
                .on("GET", TENANT + "/discovery/v2\\.0/keys", r -> StandInResponse.json(200, signingKey.publicJwkSet().toJSONObject()))
                .on("GET", TENANT + "/oauth2/v2\\.0/authorize", authorize::handle)
                .on("POST", TENANT + "/oauth2/v2\\.0/token", tokenEndpoint::handle)
                .on("GET", TENANT + "/oauth2/v2\\.0/logout", this::logout);
        return this;
    }

    public synchronized void stop() {
        host.stop();
        if (httpsHost != null) {
            httpsHost.stop();
            tls.delete();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:port}, the stand-in's "login.microsoftonline.com"; valid after {@link #start()}. */
    public String baseUrl() {
        return started().base();
    }

    /**
     * {@code https://127.0.0.1:port}: the same endpoints as {@link #baseUrl()} over TLS, e.g. the authority host for
     * azure-identity; only with {@link #alsoServeHttps(boolean) alsoServeHttps(true)}.
     */
    public String httpsBaseUrl() {
        return startedHttps().baseUrl();
    }

    /** An SSLContext trusting the HTTPS port's certificate (and nothing else). */
    public SSLContext sslContext() {
        startedHttps();
        return tls.clientContext();
    }

    /** A PKCS12 trust store holding only the HTTPS port's certificate, protected by {@link #trustStorePassword()}. */
    public Path trustStorePath() {
        startedHttps();
        return tls.trustStore();
    }

    public String trustStorePassword() {
        startedHttps();
        return tls.password();
    }

    public String trustStoreType() {
        return SelfSignedTls.STORE_TYPE;
    }

    /** The OIDC "auth-server-url" of a tenant: {@code {base}/{tenantId}/v2.0}, also its token issuer. */
    public String issuer(EntraTenant tenant) {
        return started().issuer(tenant.id());
    }

    public String discoveryUrl(String tenantSegment) {
        return started().discovery(tenantSegment);
    }

    public String authorizeEndpoint(String tenantSegment) {
        return started().authorize(tenantSegment);
    }

    public String tokenEndpoint(String tenantSegment) {
        return started().token(tenantSegment);
    }

    public String jwksUri(String tenantSegment) {
        return started().keys(tenantSegment);
    }

    public JWKSet publicKeys() {
        return signingKey.publicJwkSet();
    }

    // ---- set-up ------------------------------------------------------------------------------------------------

    /** Registers an app (multi-tenant: usable from every tenant), with its redirect URIs and credential. */
    public EntraIdStandIn registerClient(RegisteredClient client) {
        clients.register(client);
        return this;
    }

    /** Grants application permissions (app roles such as {@code OnlineMeetings.ReadWrite.All}) for app-only tokens. */
    public EntraIdStandIn grantApplicationPermissions(String clientId, String... permissions) {
        appPermissions.merge(clientId, Set.of(permissions),
                (granted, more) -> Stream.concat(granted.stream(), more.stream()).collect(Collectors.toUnmodifiableSet()));
        return this;
    }

    /** Adds a user (its tenant too, if new). */
    public EntraIdStandIn addUser(EntraUser user) {
        users.add(user);
        return this;
    }

    /** Signs this user in without a page or login_hint whenever authorize is called for their tenant; null to stop. */
    public EntraIdStandIn signInAutomaticallyAs(EntraUser user) {
        this.autoSignIn = user;
        return this;
    }

    // ---- tokens without a browser ------------------------------------------------------------------------------

    /** An id token as the authorization code flow would issue it. */
    public String issueIdToken(EntraUser user, String clientId) {
        return factory().idToken(user, clientId, null);
    }

    /** A delegated access token for {@code audience} (a client id for the app's own API, or {@link #GRAPH_AUDIENCE}). */
    public String issueUserAccessToken(EntraUser user, String clientId, String audience, String... scopes) {
        return factory().userAccessToken(user, clientId, audience, List.of(scopes), "1");
    }

    /** An app-only access token, as client credentials would issue it. */
    public String issueAppAccessToken(EntraTenant tenant, String clientId, String audience, String... roles) {
        return factory().appAccessToken(tenant, clientId, audience, Set.of(roles), "1");
    }

    /**
     * Accepts tokens this stand-in signed, unexpired, for {@code audience}; plug it into {@link GraphStandIn} so Graph
     * only accepts Entra-issued tokens.
     */
    public Predicate<String> accessTokenValidator(String audience) {
        return token -> {
            JWTClaimsSet claims = signingKey.verifiedClaims(token);
            return claims != null
                    && claims.getAudience().contains(audience)
                    && claims.getExpirationTime() != null
                    && claims.getExpirationTime().toInstant().isAfter(Instant.now())
                    && String.valueOf(claims.getIssuer()).startsWith(baseUrl() + "/");
        };
    }

    // ---- what it received --------------------------------------------------------------------------------------

    public List<StandInRequest> requests() {
        return router.received();
    }

    public List<TokenRequest> tokenRequests() {
        return tokenEndpoint == null ? List.of() : tokenEndpoint.log();
    }

    private StandInResponse discovery(StandInRequest request) {
        Optional<EntraTenantScope> scope = EntraTenantScope.resolve(request.pathParam(0), users);
        return scope.map(s -> StandInResponse.json(200, EntraDiscovery.document(urls, s)))
                .orElseGet(() -> StandInResponse.json(400, Map.of("error", "invalid_tenant",
                        "error_description", "AADSTS90002: Tenant '" + request.pathParam(0) + "' not found.")));
    }

    /** Redirects only to a URI some registered app lists, so logout cannot be used as an open redirect. */
    private StandInResponse logout(StandInRequest request) {
        String target = request.queryParam("post_logout_redirect_uri");
        return target != null && clients.anyAllowsRedirect(target)
                ? StandInResponse.redirect(target)
                : StandInResponse.html(200, Html.page("Signed out", "<p>You have signed out.</p>"));
    }

    private EntraTokenFactory factory() {
        started();
        return tokenFactory;
    }

    private JdkHttpHost startedHttps() {
        started();
        JdkHttpHost current = httpsHost;
        if (current == null) {
            throw new IllegalStateException("this stand-in serves plain HTTP only: use alsoServeHttps(true) before start()");
        }
        return current;
    }

    private EntraUrls started() {
        EntraUrls current = urls;
        if (current == null) {
            throw new IllegalStateException("start() the stand-in first");
        }
        return current;
    }

    /** Runs the stand-in alone until killed: {@code java ... EntraIdStandIn [port]}. */
    public static void main(String[] args) {
        EntraIdStandIn entra = new EntraIdStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 0).start();
        System.out.println("Entra ID stand-in: " + entra.issuer(EntraDirectory.CONTOSO) + " and " + entra.issuer(EntraDirectory.FABRIKAM));
    }
}
