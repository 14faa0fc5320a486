package io.ehrconnector.launch.smart;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.VisitLaunched;
import io.ehrconnector.support.keys.ClientAssertionSigner;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.launch.presence.LiveRosterLinks;
import io.ehrconnector.launch.provider.ProviderSignIns;
import io.ehrconnector.launch.visits.VisitLaunches;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.support.ehr.SmartCodeExchange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The second half of a SMART EHR launch, Epic's redirect back: take the launch by its state (once, from the browser that
 * started it, before it expires), check the answer came from the authorization server the launch was sent to (RFC 9207),
 * exchange the code with the connector's signed client assertion, verify the id_token, read which visit it is, get the
 * visit's Teams meeting and announce the launch. A provider whose EHR user is not linked to a Microsoft 365 user yet signs
 * in to Microsoft 365 first ({@link ProviderSignIns}). Tokens are read and dropped here; none is stored or logged.
 */
@ApplicationScoped
@WithSession
public class LaunchCompletions {

    private final LaunchStateRepository states;
    private final KnownConfigurationRepository configurations;
    private final ClientAssertionSigner signer;
    private final EhrHttp http;
    private final EhrClientSettings settings;
    private final LaunchSettings launchSettings;
    private final IdTokenVerifier idTokens;
    private final VisitMeetings meetings;
    private final VisitLaunches launches;
    private final ProviderSignIns signIns;
    private final LiveRosterLinks liveRoster;

    LaunchCompletions(LaunchStateRepository states, KnownConfigurationRepository configurations,
                      ClientAssertionSigner signer, EhrHttp http, EhrClientSettings settings, LaunchSettings launchSettings,
                      IdTokenVerifier idTokens, VisitMeetings meetings, VisitLaunches launches,
                      ProviderSignIns signIns, LiveRosterLinks liveRoster) {
        this.states = states;
        this.configurations = configurations;
        this.signer = signer;
        this.http = http;
        this.settings = settings;
        this.launchSettings = launchSettings;
        this.idTokens = idTokens;
        this.meetings = meetings;
        this.launches = launches;
        this.signIns = signIns;
        this.liveRoster = liveRoster;
    }

    /** Epic's redirect back, as received. */
    public record Callback(String state, String browserBinding, String code, String error, String issuer) {
    }

    /** Where the person goes now. */
    public sealed interface Outcome permits Joined, SignInFirst {
    }

    /** Into the visit: its Teams meeting, or for a provider the live roster page that opens it (see presence). */
    public record Joined(URI joinUrl, String launchId) implements Outcome {
    }

    /** A provider whose EHR user is not yet linked: to the Microsoft 365 sign-in first, then into the meeting. */
    public record SignInFirst(ProviderSignIns.Redirect signIn) implements Outcome {
    }

    public Uni<Outcome> complete(Callback callback) {
        if (callback.state() == null || callback.state().isBlank() || callback.state().length() > 128) {
            return Uni.createFrom().failure(unknownLaunch());
        }
        return take(OAuthValues.sha256Hex(callback.state())).flatMap(launch -> {
            if (launch == null || !OAuthValues.sameBrowser(launch.bindingHash, callback.browserBinding())
                    || launch.expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
                throw unknownLaunch();
            }
            if (callback.issuer() != null && !callback.issuer().equals(launch.issuer)) {
                Log.warnf("launch callback for configuration %s carried another authorization server's iss; refused",
                        launch.configurationId);
                throw LaunchRefused.badRequest("Sign-in answer from the wrong server", "The answer did not come from the"
                        + " Epic server this visit was launched from. Start the visit from Epic again.");
            }
            if (callback.error() != null) {
                throw LaunchRefused.badRequest("Epic did not complete the sign-in", "Epic answered "
                        + safeOAuthError(callback.error()) + ". Start the visit from Epic again; if this persists, tell your"
                        + " Epic analyst.");
            }
            if (callback.code() == null || callback.code().isBlank()) {
                throw LaunchRefused.badRequest("Epic did not complete the sign-in", "Epic's answer carried no"
                        + " authorization code. Start the visit from Epic again.");
            }
            return configurations.findById(launch.configurationId)
                    .map(known -> stillApproved(known))
                    .flatMap(configuration -> exchange(launch, callback.code())
                            .flatMap(context -> launch.app.clinician()
                                    ? clinicianEnters(configuration, launch.app, context)
                                    : enter(configuration, context.meetingKey(), launch.app, null).map(Outcome.class::cast)));
        });
    }

    /**
     * Entra ID's redirect back after a provider's first sign-in: the link is made, and the provider goes on into the visit
     * they were launching.
     */
    public Uni<Joined> completeProviderSignIn(String state, String browserBinding, String code, String error) {
        return signIns.complete(state, browserBinding, code, error)
                .flatMap(linked -> configurations.findById(linked.configurationId())
                        .map(LaunchCompletions::stillApproved)
                        .flatMap(configuration -> enter(configuration, linked.meetingKey(), linked.app(),
                                linked.ehrUserId())));
    }

    private Uni<Outcome> clinicianEnters(ConfigurationSnapshot configuration, LaunchApp app, LaunchContext context) {
        return signIns.linkedAccount(configuration.configurationId(), context.ehrUserId())
                .flatMap(account -> account != null
                        ? enter(configuration, context.meetingKey(), app, context.ehrUserId()).map(Outcome.class::cast)
                        : signIns.start(configuration.configurationId(), configuration.tenantId(), context.ehrUserId(),
                                context.meetingKey(), app).map(redirect -> (Outcome) new SignInFirst(redirect)));
    }

    /** The visit's one meeting (made by the first who enters), the launch announced, the person sent in. */
    private Uni<Joined> enter(ConfigurationSnapshot configuration, String meetingKey, LaunchApp app, String ehrUserId) {
        return meetings.meetingFor(configuration, meetingKey)
                .flatMap(meeting -> launches.announce(configuration.configurationId(), meetingKey, app.channel(),
                                app.clinician() ? VisitLaunched.EhrClient.OTHER : VisitLaunched.EhrClient.MYCHART,
                                ehrUserId, meeting.meetingId())
                        .map(launchId -> new Joined(app.clinician()
                                ? liveRoster.providerEntry(configuration, meetingKey, meeting)
                                : URI.create(meeting.joinWebUrl()), launchId)));
    }

    @WithTransaction
    Uni<LaunchState> take(String stateHash) {
        return states.take(stateHash);
    }

    /** The configuration, still approved (config-service may have disabled it meanwhile); its environment never changes. */
    private static ConfigurationSnapshot stillApproved(KnownConfiguration known) {
        ConfigurationSnapshot configuration = known == null ? null : known.snapshot();
        if (configuration == null || !configuration.isApproved()) {
            throw new LaunchRefused(403, "This Epic server is not set up", "The connector's configuration for this Epic"
                    + " server was changed or disabled during the launch. Ask your Microsoft 365 administrator.");
        }
        return configuration;
    }

    private Uni<LaunchContext> exchange(LaunchState launch, String code) {
        return signer.sign(launch.environment, launch.clientId, launch.tokenEndpoint)
                .flatMap(assertion -> SmartCodeExchange.exchange(http.client(), launch.tokenEndpoint, code,
                        launchSettings.redirectUri(), launch.codeVerifier, launch.clientId, assertion,
                        settings.requestTimeout()))
                .flatMap(answer -> {
                    if (!answer.accepted()) {
                        Log.warnf("Epic refused the code exchange of a launch for configuration %s: %s",
                                launch.configurationId, answer.error());
                        throw new LaunchRefused(502, "Epic did not accept the sign-in", explain(answer.error()));
                    }
                    return idTokens.verify(answer.body().path("id_token").asText(null), launch.jwksUri, launch.issuer,
                                    launch.clientId, launch.nonce)
                            .map((JWTClaimsSet claims) -> LaunchContext.read(answer.body(), claims));
                });
    }

    private static String explain(String error) {
        return switch (error) {
            case "invalid_client" -> "Epic did not accept the connector's key. Ask your Epic analyst to check the JWK Set"
                    + " URL of the connector's app in this environment.";
            case "invalid_grant" -> "The sign-in expired or was already used. Start the visit from Epic again.";
            case "token_endpoint_unreachable" -> "Epic could not be reached. Try again in a minute.";
            default -> "Epic refused the sign-in (" + safeOAuthError(error) + "). Start the visit from Epic again; if this"
                    + " persists, tell your Epic analyst.";
        };
    }

    private static String safeOAuthError(String error) {
        return error.matches("[a-z_]{1,64}") ? error : "an error";
    }

    private static LaunchRefused unknownLaunch() {
        return LaunchRefused.badRequest("Launch not recognised", "This launch is unknown, already used, expired or was"
                + " started in another browser. Start the visit from Epic again.");
    }
}
