package io.ehrconnector.launch.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.ehrconnector.launch.smart.EhrHttp;
import io.ehrconnector.launch.smart.IdTokenVerifier;
import io.ehrconnector.launch.smart.LaunchApp;
import io.ehrconnector.launch.smart.LaunchRefused;
import io.ehrconnector.launch.smart.LaunchSettings;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.support.ehr.SmartCodeExchange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A provider's first launch: the EHR user is not yet linked to a Microsoft 365 user, so the browser goes through an Entra ID
 * sign-in of the configuration's own tenant (authorization code, PKCE S256, state bound to the browser, nonce), and the
 * verified id_token's object id becomes the link. Every later launch of that EHR user skips this.
 */
@ApplicationScoped
@WithSession
public class ProviderSignIns {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSignInRepository signIns;
    private final ProviderAccountRepository accounts;
    private final EntraSettings entra;
    private final LaunchSettings launchSettings;
    private final EhrHttp http;
    private final IdTokenVerifier idTokens;

    ProviderSignIns(ProviderSignInRepository signIns, ProviderAccountRepository accounts, EntraSettings entra,
                    LaunchSettings launchSettings, EhrHttp http, IdTokenVerifier idTokens) {
        this.signIns = signIns;
        this.accounts = accounts;
        this.entra = entra;
        this.launchSettings = launchSettings;
        this.http = http;
        this.idTokens = idTokens;
    }

    /** Where the browser goes to sign in, and the cookie value binding the sign-in to it. */
    public record Redirect(URI authorizationUrl, String stateHash, String browserBinding) {
    }

    /** A completed first sign-in: the visit the provider was launching, now linked. */
    public record Linked(String configurationId, String ehrUserId, String meetingKey, LaunchApp app) {
    }

    /** The Microsoft 365 user linked to the EHR user (the link marked used), or null when the provider must sign in. */
    @WithTransaction
    public Uni<String> linkedAccount(String configurationId, String ehrUserId) {
        return accounts.useLink(configurationId, ehrUserId, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @WithTransaction
    public Uni<Redirect> start(String configurationId, String tenantId, String ehrUserId, String meetingKey,
                               LaunchApp app) {
        String state = OAuthValues.randomToken(32);
        String binding = OAuthValues.randomToken(32);
        ProviderSignIn row = new ProviderSignIn();
        row.stateHash = OAuthValues.sha256Hex(state);
        row.bindingHash = OAuthValues.sha256Hex(binding);
        row.configurationId = configurationId;
        row.tenantId = tenantId;
        row.ehrUserId = ehrUserId;
        row.meetingKey = meetingKey;
        row.app = app;
        row.codeVerifier = OAuthValues.randomToken(48);
        row.nonce = OAuthValues.randomToken(24);
        row.expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME);

        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", entra.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", launchSettings.providerSignInRedirectUri());
        query.put("response_mode", "query");
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", row.nonce);
        query.put("code_challenge", OAuthValues.s256Challenge(row.codeVerifier));
        query.put("code_challenge_method", "S256");
        query.put("prompt", "select_account");
        URI authorize = URI.create(EntraEndpoints.of(entra.authority(), tenantId).authorize() + "?"
                + OAuthValues.formUrlEncoded(query));
        return signIns.persist(row).map(stored -> new Redirect(authorize, row.stateHash, binding));
    }

    /**
     * Entra ID's redirect back: the state is consumed whatever happens; the sign-in must be of the configuration's tenant.
     */
    public Uni<Linked> complete(String state, String browserBinding, String code, String error) {
        if (state == null || state.isBlank() || state.length() > 128) {
            return Uni.createFrom().failure(unknownSignIn());
        }
        return take(OAuthValues.sha256Hex(state)).flatMap(signIn -> {
            if (signIn == null || !OAuthValues.sameBrowser(signIn.bindingHash, browserBinding)
                    || signIn.expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
                throw unknownSignIn();
            }
            if (error != null || code == null || code.isBlank()) {
                throw new LaunchRefused(400, "Microsoft 365 sign-in not completed", "The Microsoft 365 sign-in was"
                        + " cancelled or refused. Start the visit from Epic again and sign in with your work account.");
            }
            EntraEndpoints endpoints = EntraEndpoints.of(entra.authority(), signIn.tenantId);
            return exchange(endpoints, code, signIn.codeVerifier)
                    .flatMap(idToken -> idTokens.verify(idToken, endpoints.keys(), endpoints.issuer(), entra.clientId(),
                            signIn.nonce))
                    .flatMap(claims -> link(signIn, objectIdOfTenant(claims, signIn.tenantId)));
        });
    }

    @WithTransaction
    Uni<ProviderSignIn> take(String stateHash) {
        return signIns.take(stateHash);
    }

    @WithTransaction
    Uni<Linked> link(ProviderSignIn signIn, String objectId) {
        return accounts.link(signIn.configurationId, signIn.ehrUserId, signIn.tenantId, objectId,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .invoke(() -> Log.infof("provider of configuration %s linked to a Microsoft 365 account",
                        signIn.configurationId))
                .map(linked -> new Linked(signIn.configurationId, signIn.ehrUserId, signIn.meetingKey, signIn.app));
    }

    /** The id_token as Entra's token endpoint answers the code (client secret; the token itself is dropped after). */
    private Uni<String> exchange(EntraEndpoints endpoints, String code, String codeVerifier) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", launchSettings.providerSignInRedirectUri())
                .add("code_verifier", codeVerifier)
                .add("client_id", entra.clientId())
                .add("client_secret", entra.clientSecret())
                .add("scope", "openid");
        return http.client().postAbs(endpoints.token()).putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(SmartCodeExchange.MAX_RESPONSE_BYTES)))
                .sendForm(form)
                .ifNoItem().after(Duration.ofSeconds(15)).fail()
                .onFailure().transform(failure -> new LaunchRefused(502, "Microsoft 365 could not be reached",
                        "Microsoft 365 sign-in could not be completed; try again in a minute."))
                .map(response -> {
                    String idToken = response.statusCode() == 200 ? idTokenOf(response.body()) : null;
                    if (idToken == null) {
                        Log.warnf("Entra ID refused a provider sign-in's code exchange: HTTP %d", response.statusCode());
                        throw new LaunchRefused(502, "Microsoft 365 did not accept the sign-in", "Microsoft 365 did not"
                                + " complete the sign-in. Start the visit from Epic again; if this persists, tell your"
                                + " Microsoft 365 administrator.");
                    }
                    return idToken;
                });
    }

    private static String idTokenOf(byte[] body) {
        try {
            return JSON.readTree(body).path("id_token").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The signed-in user's object id; a user of another tenant (a guest account, a personal account) is refused. */
    static String objectIdOfTenant(JWTClaimsSet claims, String tenantId) {
        try {
            String tid = claims.getStringClaim("tid");
            String oid = claims.getStringClaim("oid");
            if (!tenantId.equals(tid) || oid == null || oid.isBlank()) {
                throw new LaunchRefused(403, "Sign in with your organization's account", "This Microsoft 365 account"
                        + " does not belong to the organization that set up the connector. Start the visit from Epic"
                        + " again and sign in with your work account.");
            }
            return oid;
        } catch (ParseException e) {
            throw new LaunchRefused(502, "The sign-in could not be verified", "Microsoft 365's answer was not"
                    + " understood. Start the visit from Epic again.");
        }
    }

    private static LaunchRefused unknownSignIn() {
        return new LaunchRefused(400, "Sign-in not recognised", "This sign-in is unknown, already used, expired or was"
                + " started in another browser. Start the visit from Epic again.");
    }

    @Scheduled(every = "5m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    Uni<Void> deleteExpired() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return signIns.deleteExpired(now)
                .flatMap(deleted -> accounts.deleteUnusedSince(now.minus(entra.unusedAccountRetention())))
                .replaceWithVoid();
    }
}
