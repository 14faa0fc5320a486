package io.ehrconnector.launch.smart;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.ehr.OAuthValues;
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

/**
 * The first half of a SMART EHR launch: Epic opens the launch URL with {@code iss} and {@code launch}; the connector checks
 * that {@code iss} is an approved configuration of the URL's environment, remembers the launch (state, PKCE verifier, nonce,
 * the authorization server it is sent to, the browser it came from) and sends the browser to Epic's authorization endpoint.
 */
@ApplicationScoped
@WithSession
public class LaunchStarts {

    /** How long the person has to get through Epic's authorization (usually a second, no prompt in an EHR launch). */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_LAUNCH_LENGTH = 2048;

    private final KnownConfigurationRepository configurations;
    private final LaunchStateRepository states;
    private final SmartDiscovery discovery;
    private final LaunchSettings settings;

    LaunchStarts(KnownConfigurationRepository configurations, LaunchStateRepository states, SmartDiscovery discovery,
                 LaunchSettings settings) {
        this.configurations = configurations;
        this.states = states;
        this.discovery = discovery;
        this.settings = settings;
    }

    /**
     * Where to send the browser: Epic's authorization endpoint with these parameters, as a GET or (SMART
     * {@code authorize-post}) a form POST; and the value of the cookie that binds the launch to this browser.
     */
    public record Authorization(URI endpoint, Map<String, String> parameters, boolean post, String stateHash,
                                String browserBinding) {

        /** The GET form: the endpoint with the parameters in its query. */
        public URI asRedirect() {
            String separator = endpoint.getRawQuery() == null ? "?" : "&";
            return URI.create(endpoint + separator + OAuthValues.formUrlEncoded(parameters));
        }
    }

    public Uni<Authorization> start(String environmentSegment, LaunchApp app, String iss, String launch) {
        Environment environment = EnvironmentPaths.parse(environmentSegment)
                .orElseThrow(() -> new LaunchRefused(404, "Unknown launch address", "This launch address does not exist;"
                        + " check the launch URL in Epic's integration record."));
        if (iss == null || iss.isBlank()) {
            throw LaunchRefused.badRequest("Not launched from Epic", "This page opens from Epic (the launch carries the"
                    + " FHIR server's address); start the visit from Epic.");
        }
        if (launch == null || launch.isBlank() || launch.length() > MAX_LAUNCH_LENGTH) {
            throw LaunchRefused.badRequest("Not launched from Epic", "The launch from Epic carried no valid launch"
                    + " context; start the visit from Epic again.");
        }
        String fhirBaseUrl = SmartDiscovery.stripSlash(iss.strip());
        return configurations.findByFhirBaseUrl(fhirBaseUrl)
                .map(known -> approved(known == null ? null : known.snapshot(), environment))
                .flatMap(configuration -> discovery.endpointsOf(configuration.fhirBaseUrl())
                        .flatMap(endpoints -> remember(configuration, app, endpoints, launch)));
    }

    private static ConfigurationSnapshot approved(ConfigurationSnapshot configuration, Environment environment) {
        if (configuration == null || !configuration.isApproved()) {
            throw new LaunchRefused(403, "This Epic server is not set up", "The connector has no approved configuration for"
                    + " the Epic server that launched this visit. Ask your Microsoft 365 administrator to register its FHIR"
                    + " base URL and your Epic analyst to approve it.");
        }
        if (configuration.environment() != environment) {
            throw new LaunchRefused(403, "Wrong Epic environment", "This launch URL is for the Epic "
                    + EnvironmentPaths.segment(environment) + " environment, but the visit was launched from the Epic "
                    + EnvironmentPaths.segment(configuration.environment()) + " environment. Ask your Epic analyst to use"
                    + " the launch URL of the " + EnvironmentPaths.segment(configuration.environment())
                    + " integration record.");
        }
        return configuration;
    }

    @WithTransaction
    Uni<Authorization> remember(ConfigurationSnapshot configuration, LaunchApp app, SmartEndpoints endpoints,
                                String launch) {
        String state = OAuthValues.randomToken(32);
        String binding = OAuthValues.randomToken(32);
        LaunchState row = new LaunchState();
        row.stateHash = OAuthValues.sha256Hex(state);
        row.bindingHash = OAuthValues.sha256Hex(binding);
        row.configurationId = configuration.configurationId();
        row.environment = configuration.environment();
        row.app = app;
        row.clientId = app.clientId(settings, configuration.environment());
        row.issuer = endpoints.issuer();
        row.tokenEndpoint = endpoints.tokenEndpoint().toString();
        row.jwksUri = endpoints.jwksUri().toString();
        row.codeVerifier = OAuthValues.randomToken(48);
        row.nonce = OAuthValues.randomToken(24);
        row.expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME);

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", row.clientId);
        parameters.put("redirect_uri", settings.redirectUri());
        parameters.put("scope", LaunchApp.SCOPES);
        parameters.put("launch", launch);
        parameters.put("state", state);
        parameters.put("aud", configuration.fhirBaseUrl());
        parameters.put("nonce", row.nonce);
        parameters.put("code_challenge", OAuthValues.s256Challenge(row.codeVerifier));
        parameters.put("code_challenge_method", "S256");
        return states.persist(row).map(stored -> new Authorization(endpoints.authorizationEndpoint(), parameters,
                endpoints.authorizePost(), row.stateHash, binding));
    }

    /** Launches nobody came back from (closed window, failed sign-in) are deleted once expired. */
    @Scheduled(every = "5m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    Uni<Void> deleteExpired() {
        return states.deleteExpired(OffsetDateTime.now(ZoneOffset.UTC)).replaceWithVoid();
    }
}
