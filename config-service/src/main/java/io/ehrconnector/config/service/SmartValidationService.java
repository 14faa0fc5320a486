package io.ehrconnector.config.service;

import io.ehrconnector.config.client.FhirServerProbe;
import io.ehrconnector.config.client.SmartTokenClient;
import io.ehrconnector.config.config.ConnectorConfig;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.entity.SmartAuthorization;
import io.ehrconnector.config.keys.ConnectorKeyService;
import io.ehrconnector.config.repository.FhirConfigurationRepository;
import io.ehrconnector.config.repository.SmartAuthorizationRepository;
import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The analyst's proof of a FHIR base URL: a SMART authorization (code + PKCE S256, state, aud = the URL) against the URL's own
 * authorization server, with the connector's Epic client id for that environment, completed by a code exchange
 * authenticated with the connector's key. Success proves the URL, the app's activation and the key setup; only that it
 * succeeded, when and by whom is kept (the tokens are dropped unread).
 *
 * <p>The {@code state} is unguessable, single-use, expires after {@link #LIFETIME}, is bound to the browser that started the
 * sign-in (a cookie value whose hash is stored with it) and is stored only as a hash.
 */
@ApplicationScoped
@WithSession
public class SmartValidationService {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final FhirConfigurationRepository configurations;
    private final SmartAuthorizationRepository authorizations;
    private final ConfigurationService configurationService;
    private final FhirServerProbe probe;
    private final SmartTokenClient tokens;
    private final ConnectorKeyService keys;
    private final ConnectorConfig connector;
    private final ConfigurationLifecycle lifecycle = new ConfigurationLifecycle(Duration.ZERO);

    SmartValidationService(FhirConfigurationRepository configurations, SmartAuthorizationRepository authorizations,
                           ConfigurationService configurationService, FhirServerProbe probe, SmartTokenClient tokens,
                           ConnectorKeyService keys, ConnectorConfig connector) {
        this.configurations = configurations;
        this.authorizations = authorizations;
        this.configurationService = configurationService;
        this.probe = probe;
        this.tokens = tokens;
        this.keys = keys;
        this.connector = connector;
    }

    /** Where to send the analyst's browser, and the browser-binding value to set as a cookie. */
    public record Start(URI authorizationUrl, String browserBinding) {
    }

    /** The result of Epic's redirect back: which configuration, and whether the proof succeeded (with why not). */
    public record Completion(String configurationId, boolean validated, String failure) {
    }

    public Uni<Start> start(Caller analyst, String configurationId, String redirectUri) {
        return configurations.findForTenant(analyst.tenantId(), configurationId)
                .onItem().ifNull().failWith(ConfigurationNotFound::new)
                .invoke(c -> lifecycle.checkCanValidate(c, analyst))
                .flatMap(c -> probe.probe(c.fhirBaseUrl).flatMap(discovered -> {
                    if (!discovered.ok()) {
                        throw ProblemException.of(502, "ehr-discovery-failed", "Epic could not be reached",
                                discovered.problems().get(0).message());
                    }
                    return store(analyst, c, discovered.tokenEndpoint().toString(), redirectUri).map(pending -> {
                        Map<String, String> query = new LinkedHashMap<>();
                        query.put("response_type", "code");
                        query.put("client_id", pending.authorization().clientId);
                        query.put("redirect_uri", redirectUri);
                        query.put("scope", "openid fhirUser");
                        query.put("state", pending.state());
                        query.put("aud", c.fhirBaseUrl);
                        query.put("code_challenge", OAuthValues.s256Challenge(pending.authorization().codeVerifier));
                        query.put("code_challenge_method", "S256");
                        String separator = discovered.authorizationEndpoint().getRawQuery() == null ? "?" : "&";
                        return new Start(URI.create(discovered.authorizationEndpoint() + separator
                                + OAuthValues.formUrlEncoded(query)),
                                pending.binding());
                    });
                }));
    }

    private record Pending(SmartAuthorization authorization, String state, String binding) {
    }

    @WithTransaction
    Uni<Pending> store(Caller analyst, FhirConfiguration c, String tokenEndpoint, String redirectUri) {
        String state = OAuthValues.randomToken(32);
        String binding = OAuthValues.randomToken(32);
        SmartAuthorization a = new SmartAuthorization();
        a.stateHash = OAuthValues.sha256Hex(state);
        a.bindingHash = OAuthValues.sha256Hex(binding);
        a.configurationId = c.id;
        a.fhirBaseUrl = c.fhirBaseUrl;
        a.environment = c.environment;
        a.tenantId = c.tenantId;
        a.analystObjectId = analyst.objectId();
        a.analystUsername = analyst.username();
        a.codeVerifier = OAuthValues.randomToken(48);
        a.tokenEndpoint = tokenEndpoint;
        a.redirectUri = redirectUri;
        a.clientId = c.environment == Environment.PRODUCTION ? connector.production().providerClientId()
                : connector.test().providerClientId();
        a.expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME);
        return authorizations.persist(a).map(saved -> new Pending(saved, state, binding));
    }

    /**
     * Handles Epic's redirect back. The state is consumed whatever happens; an unknown, used, expired or other-browser state
     * fails with 400 and changes nothing.
     */
    public Uni<Completion> complete(String state, String browserBinding, String code, String error, String issuer) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().failure(invalidState());
        }
        return take(OAuthValues.sha256Hex(state)).flatMap(a -> {
            if (a == null || !OAuthValues.sameBrowser(a.bindingHash, browserBinding)
                    || a.expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
                throw invalidState();
            }
            if (error != null) {
                return Uni.createFrom().item(new Completion(a.configurationId, false, "Epic answered " + safe(error)
                        + ": the sign-in was not completed."));
            }
            if (code == null || code.isBlank()) {
                throw ProblemException.badRequest("smart-callback-invalid", "No authorization code",
                        "Epic's redirect carried no code; start the sign-in again.");
            }
            Caller analyst = new Caller(a.tenantId, a.analystObjectId, a.analystUsername, Set.of(Roles.ANALYST));
            return configurations.findForTenant(a.tenantId, a.configurationId)
                    .onItem().ifNull().failWith(ConfigurationNotFound::new)
                    .flatMap(c -> {
                        if (!c.fhirBaseUrl.equals(a.fhirBaseUrl) || c.environment != a.environment) {
                            return Uni.createFrom().item(new Completion(c.id, false, "The configuration changed while you"
                                    + " were signing in; nothing was recorded. Sign in to Epic again for " + c.fhirBaseUrl + "."));
                        }
                        if (issuer != null && !issuer.equals(c.fhirBaseUrl)) {
                            return Uni.createFrom().item(new Completion(c.id, false, "The answer came from another"
                                    + " authorization server than " + c.fhirBaseUrl + "; nothing was recorded."));
                        }
                        return keys.signClientAssertion(c.environment, a.clientId, a.tokenEndpoint)
                                .flatMap(assertion -> tokens.exchange(a.tokenEndpoint, code, a.redirectUri, a.codeVerifier,
                                        a.clientId, assertion))
                                .flatMap(outcome -> outcome.accepted()
                                        ? configurationService.smartValidated(analyst, c.id, a.fhirBaseUrl, a.environment)
                                                .map(validated -> new Completion(c.id, true, null))
                                        : Uni.createFrom().item(new Completion(c.id, false, explain(outcome.error()))));
                    });
        });
    }

    @WithTransaction
    Uni<SmartAuthorization> take(String stateHash) {
        return authorizations.take(stateHash);
    }

    @Scheduled(every = "5m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    Uni<Void> deleteExpired() {
        return authorizations.deleteExpired(OffsetDateTime.now(ZoneOffset.UTC)).replaceWithVoid();
    }

    private static String explain(String error) {
        return switch (error) {
            case "invalid_client" -> "Epic did not accept the connector's key: register the JWK Set URL of this environment"
                    + " with the connector's app in Epic, then sign in again.";
            case "invalid_grant" -> "Epic did not accept the sign-in (expired or already used); sign in again.";
            case "token_endpoint_unreachable" -> "Epic's token endpoint could not be reached; try again in a minute.";
            default -> "Epic refused the sign-in (" + safe(error) + "); check that the connector's app is activated in"
                    + " this Epic environment, then sign in again.";
        };
    }

    private static ProblemException invalidState() {
        return new ProblemException(Problem.of(400, "smart-state-invalid", "Sign-in not recognised",
                "This sign-in is unknown, already used, expired or was started in another browser; start it again from the"
                        + " configuration."));
    }

    private static String safe(String oauthError) {
        return oauthError.matches("[a-z_]{1,64}") ? oauthError : "an error";
    }
}
