package io.ehrconnector.testing.standins;

import com.nimbusds.jose.jwk.JWKSet;
import org.hl7.fhir.instance.model.api.IBaseResource;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Epic-like SMART on FHIR R4 server for tests and the local stack: SMART discovery, OAuth authorize and token
 * endpoints (EHR and standalone launch, PKCE, private_key_jwt, SMART Backend Services), an RS256 id_token and JWKS, and
 * FHIR reads and writes against an in-memory store the test fills.
 *
 * <pre>{@code
 * try (EhrStandIn ehr = new EhrStandIn(0).start()) {
 *     ehr.registerClient(RegisteredClient.of("launch-app", ClientAuthentication.privateKeyJwt(appKeys), redirect));
 *     String launch = ehr.registerLaunch(SmartLaunch.forUser(EhrUser.practitioner("u1", "p1")).appointment("a1").build());
 *     // the connector's /launch?iss=ehr.fhirBaseUrl()&launch=... now runs the real flow against it
 * }
 * }</pre>
 *
 * <p>Authorize approves at once (tests); {@link #interactiveSignIn(boolean)} shows an "Epic sign-in" page instead.
 *
 * <p>Plain HTTP by default. Real Epic FHIR bases are https only (and the connector refuses others), so
 * {@link #tls(boolean) tls(true)} serves HTTPS instead, with a self-signed certificate for 127.0.0.1 and localhost that
 * clients trust through {@link #sslContext()} or the PKCS12 store at {@link #trustStorePath()}:
 * <pre>{@code
 * try (EhrStandIn ehr = new EhrStandIn(0).tls(true).start()) {
 *     HttpClient http = HttpClient.newBuilder().sslContext(ehr.sslContext()).build();
 *     // ehr.fhirBaseUrl() is https://127.0.0.1:port/api/FHIR/R4
 * }
 * }</pre>
 */
public final class EhrStandIn implements AutoCloseable {

    /** Path of the FHIR R4 base below {@link #baseUrl()}, as on an Epic instance. */
    public static final String FHIR_PATH = EhrUrls.FHIR_PATH;

    private static final Duration DEFAULT_CODE_LIFETIME = Duration.ofSeconds(60);
    /**
     * Discovery and metadata also answer under an Epic-style instance prefix ({@code /<instance>/api/FHIR/R4}, as in
     * {@code https://fhir.hospital.org/interconnect-prd-oauth/api/FHIR/R4}), so tests can register many distinct FHIR base
     * URLs against one stand-in. Authorization still expects {@code aud} = {@link #fhirBaseUrl()}.
     */
    private static final String ANY_INSTANCE = "(?:/[A-Za-z0-9][A-Za-z0-9\\-]{0,62})?";
    private static final String RESOURCE = FHIR_PATH + "/([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})";

    private final ClientRegistry clients = new ClientRegistry();
    private final Map<String, SmartLaunch> launches = new ConcurrentHashMap<>();
    private final AuthorizationCodes<SmartGrant> codes = new AuthorizationCodes<>(DEFAULT_CODE_LIFETIME);
    private final SmartAccessTokens tokens = new SmartAccessTokens();
    private final FhirResourceStore store = new FhirResourceStore();
    private final EhrSignInSettings signIn = new EhrSignInSettings();
    private final FailureInjector outage = new FailureInjector();
    private final FailureInjector fhirFailures = new FailureInjector();
    private final RsaSigningKey signingKey = new RsaSigningKey("ehr");
    private final Router router = new Router(request -> request.rawPath().startsWith(FHIR_PATH)
            ? FhirRestEndpoints.outcome(404, "not-found", "Unknown FHIR path")
            : StandInResponse.text(404, "Not found"));
    private final int port;
    private volatile boolean tlsWanted;
    private volatile SelfSignedTls tls;
    private volatile JdkHttpHost host;
    private volatile EhrUrls urls;
    private volatile SmartTokenEndpoint tokenEndpoint;
    private volatile FhirRestEndpoints fhir;
    private volatile EpicTelehealthEndpoint telehealth;

    /** @param port the port to listen on, 0 for any free one */
    public EhrStandIn(int port) {
        this.port = port;
    }

    public EhrStandIn() {
        this(0);
    }

    /**
     * On: serve HTTPS with a fresh self-signed certificate (valid for 127.0.0.1 and localhost) instead of HTTP. Set before
     * {@link #start()}.
     */
    public EhrStandIn tls(boolean on) {
        if (host != null) {
            throw new IllegalStateException("choose tls(...) before start()");
        }
        tlsWanted = on;
        return this;
    }

    /** Binds the port and serves; returns this for try-with-resources. */
    public synchronized EhrStandIn start() {
        if (tlsWanted) {
            tls = SelfSignedTls.generate("ehr");
        }
        host = new JdkHttpHost(port, router, tls == null ? null : tls.serverContext());
        host.start();
        urls = new EhrUrls(host.baseUrl());
        SmartDiscovery discovery = new SmartDiscovery(urls);
        SmartAuthorizeEndpoint authorize = new SmartAuthorizeEndpoint(urls, clients, launches, codes, signIn);
        ClientAuthenticator authenticator = new ClientAuthenticator(EnumSet.of(ClientAuthenticator.Method.CLIENT_SECRET_BASIC,
                ClientAuthenticator.Method.PRIVATE_KEY_JWT, ClientAuthenticator.Method.NONE), clients,
                new ClientAssertionVerifier(new OutboundHttp()));
        tokenEndpoint = new SmartTokenEndpoint(urls, authenticator, codes, tokens, signingKey);
        fhir = new FhirRestEndpoints(urls, store, tokens, fhirFailures);
        telehealth = new EpicTelehealthEndpoint(tokens);

        router.filter(this::outageResponse)
                .on("GET", ANY_INSTANCE + FHIR_PATH + "/\\.well-known/smart-configuration", r -> StandInResponse.json(200, discovery.smartConfiguration()))
                .on("GET", ANY_INSTANCE + FHIR_PATH + "/\\.well-known/openid-configuration", r -> StandInResponse.json(200, discovery.openidConfiguration()))
                .on("GET", ANY_INSTANCE + FHIR_PATH + "/metadata", r -> StandInResponse.json(200, discovery.capabilityStatementJson(), FhirRestEndpoints.FHIR_JSON))
                .on("GET", "/oauth2/authorize", authorize::handle)
                .on("POST", "/oauth2/authorize", authorize::handle)
                .on("POST", "/oauth2/token", tokenEndpoint::handle)
                .on("GET", "/oauth2/jwks", r -> StandInResponse.json(200, signingKey.publicJwkSet().toJSONObject()))
                .on("GET", RESOURCE, fhir::read)
                .on("PUT", RESOURCE, fhir::update)
                .on("PATCH", RESOURCE, fhir::patch)
                .on("POST", FHIR_PATH + "/([A-Z][A-Za-z]+)", fhir::create)
                .on("POST", ANY_INSTANCE + EpicTelehealthEndpoint.PATH, telehealth::setExternalConnectionStatus);
        return this;
    }

    public synchronized void stop() {
        if (host != null) {
            host.stop();
        }
        if (tls != null) {
            tls.delete();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:port} ({@code https://} with {@link #tls(boolean) TLS}); valid after {@link #start()}. */
    public String baseUrl() {
        return started().base();
    }

    /** The FHIR base URL: the {@code iss} of a launch and the {@code aud} of authorize requests. */
    public String fhirBaseUrl() {
        return started().fhirBase();
    }

    public String authorizeEndpoint() {
        return started().authorize();
    }

    public String tokenEndpoint() {
        return started().token();
    }

    public String jwksUri() {
        return started().jwks();
    }

    /** An SSLContext trusting this stand-in's certificate (and nothing else); with {@link #tls(boolean) TLS} only. */
    public SSLContext sslContext() {
        return startedTls().clientContext();
    }

    /** A PKCS12 trust store holding this stand-in's certificate, for clients configured by file; TLS only. */
    public Path trustStorePath() {
        return startedTls().trustStore();
    }

    public String trustStorePassword() {
        return startedTls().password();
    }

    /** Always {@code PKCS12}. */
    public String trustStoreType() {
        return SelfSignedTls.STORE_TYPE;
    }

    /** The public key(s) id_tokens are signed with (what {@link #jwksUri()} serves). */
    public JWKSet publicKeys() {
        return signingKey.publicJwkSet();
    }

    // ---- test set-up -------------------------------------------------------------------------------------------

    /** Registers (or replaces) an app, as an Epic app registration would. */
    public EhrStandIn registerClient(RegisteredClient client) {
        clients.register(client);
        return this;
    }

    /** Registers a launch context under {@code launchToken} (the opaque {@code launch} parameter); returns the token. */
    public String registerLaunch(String launchToken, SmartLaunch launch) {
        launches.put(launchToken, launch);
        return launchToken;
    }

    /** Registers a launch context under a fresh random launch token and returns it. */
    public String registerLaunch(SmartLaunch launch) {
        return registerLaunch(RandomIds.token(16), launch);
    }

    /** Registers a launch context given as a map of token response parameters. */
    public String registerLaunch(String launchToken, EhrUser user, Map<String, Object> context) {
        return registerLaunch(launchToken, new SmartLaunch(user, context));
    }

    /** The user a standalone launch (no {@code launch} parameter) signs in as. */
    public EhrStandIn standaloneUser(EhrUser user) {
        signIn.standaloneUser = user;
        return this;
    }

    /** On: authorize shows an "Epic sign-in" page with Approve/Deny for a person. Off (default): approves at once. */
    public EhrStandIn interactiveSignIn(boolean on) {
        signIn.interactive = on;
        return this;
    }

    /** How long authorization codes stay redeemable (default 60 s). */
    public EhrStandIn codeLifetime(Duration lifetime) {
        codes.lifetime(lifetime);
        return this;
    }

    /** Stores (or replaces) a resource built with HAPI's R4 model; it must carry an id. */
    public EhrStandIn putResource(IBaseResource resource) {
        store.put(resource);
        return this;
    }

    /** A stored resource, parsed into HAPI's R4 model. */
    public <T extends IBaseResource> Optional<T> resource(Class<T> type, String id) {
        return store.get(type, id);
    }

    /** Issues an access token without an OAuth flow, for tests that only exercise FHIR calls. */
    public String issueAccessToken(String clientId, String scope) {
        return tokens.issue(clientId, scope, null, null);
    }

    // ---- failure injection -------------------------------------------------------------------------------------

    /** Every request (OAuth and FHIR) gets 503 with Retry-After for {@code duration}. */
    public void simulateOutage(Duration duration) {
        outage.failFor(duration, 503);
    }

    /** The next {@code count} FHIR REST interactions (reads and writes, not discovery or OAuth) get {@code status}. */
    public void failNextFhirRequests(int count, int status) {
        fhirFailures.failNext(count, status);
    }

    /** Ends a simulated outage and any pending injected failures. */
    public void endOutage() {
        outage.clear();
        fhirFailures.clear();
    }

    // ---- what it received --------------------------------------------------------------------------------------

    /** Every HTTP request received, in order. */
    public List<StandInRequest> requests() {
        return router.received();
    }

    /** Every token request and its outcome, in order. */
    public List<TokenRequest> tokenRequests() {
        return tokenEndpoint == null ? List.of() : tokenEndpoint.log();
    }

    /** Every accepted call of Epic's telehealth SetExternalConnectionStatus, in order. */
    public List<ConnectionStatusCall> connectionStatusCalls() {
        return telehealth == null ? List.of() : telehealth.calls();
    }

    /** Every accepted FHIR create, update and patch, in order. */
    public List<FhirWrite> writes() {
        return fhir == null ? List.of() : fhir.writes();
    }

    private Optional<StandInResponse> outageResponse(StandInRequest request) {
        OptionalInt status = outage.next();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FhirRestEndpoints.outcome(status.getAsInt(), "transient", "The EHR is temporarily unavailable")
                .withHeader("Retry-After", Long.toString(outage.retryAfterSeconds())));
    }

    private SelfSignedTls startedTls() {
        started();
        SelfSignedTls current = tls;
        if (current == null) {
            throw new IllegalStateException("this stand-in serves plain HTTP: use tls(true) before start()");
        }
        return current;
    }

    private EhrUrls started() {
        EhrUrls current = urls;
        if (current == null) {
            throw new IllegalStateException("start() the stand-in first");
        }
        return current;
    }

    /** Runs the stand-in alone, interactive, until killed: {@code java ... EhrStandIn [port]}. */
    public static void main(String[] args) {
        EhrStandIn ehr = new EhrStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 0).interactiveSignIn(true).start();
        System.out.println("EHR stand-in FHIR base: " + ehr.fhirBaseUrl());
    }
}
