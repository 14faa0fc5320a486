package io.ehrconnector.launch.smart;

import io.ehrconnector.support.ehr.OAuthValues;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The SMART EHR launch endpoints Epic opens: {@code /launch/{test|production}/{provider|patient}}, the redirect URI
 * {@code /launch/callback}, and {@code /launch/m365/callback} for a provider's first Microsoft 365 sign-in. Every refusal is a page with status and reason; the only redirects go to the authorization
 * endpoint of the approved configuration's own EHR and to the visit's Teams meeting, never to a URL a request names.
 */
@Path("/launch")
public class LaunchResource {

    /**
     * Prefix of the cookie that binds a launch to the browser; one cookie per launch (its state's hash names it), so two
     * visits launched at once in one browser do not overwrite each other.
     */
    static final String LAUNCH_COOKIE = "ehrc-launch-";
    /** The same for a provider's first Microsoft 365 sign-in. */
    static final String SIGN_IN_COOKIE = "ehrc-m365-";
    static final String CALLBACK_PATH = "/launch/callback";
    static final String SIGN_IN_CALLBACK_PATH = "/launch/m365/callback";

    private final LaunchStarts starts;
    private final LaunchCompletions completions;

    LaunchResource(LaunchStarts starts, LaunchCompletions completions) {
        this.starts = starts;
        this.completions = completions;
    }

    @GET
    @Path("/{environment}/{app}")
    public Uni<Response> launch(@PathParam("environment") String environment, @PathParam("app") String appSegment,
                                @QueryParam("iss") String iss, @QueryParam("launch") String launch) {
        LaunchApp app = LaunchApp.ofPathSegment(appSegment).orElse(null);
        if (app == null) {
            return Uni.createFrom().item(LaunchPages.refused(new LaunchRefused(404, "Unknown launch address",
                    "This launch address does not exist; check the launch URL in Epic's integration record.")));
        }
        return Uni.createFrom().deferred(() -> starts.start(environment, app, iss, launch))
                .map(authorization -> {
                    Response.ResponseBuilder response = authorization.post()
                            ? Response.fromResponse(LaunchPages.postForm(authorization))
                            : Response.status(302).location(authorization.asRedirect())
                                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
                    return response.cookie(bindingCookie(LAUNCH_COOKIE, authorization.stateHash(),
                            authorization.browserBinding(), CALLBACK_PATH)).build();
                })
                .onFailure().recoverWithItem(LaunchPages::failed);
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@QueryParam("state") String state, @QueryParam("code") String code,
                                  @QueryParam("error") String error, @QueryParam("iss") String issuer,
                                  @Context HttpHeaders headers) {
        String binding = bindingOf(headers.getCookies(), LAUNCH_COOKIE, state);
        return Uni.createFrom().deferred(() -> completions.complete(
                        new LaunchCompletions.Callback(state, binding, code, error, issuer)))
                .map(outcome -> switch (outcome) {
                    case LaunchCompletions.Joined joined -> intoMeeting(joined)
                            .cookie(expired(LAUNCH_COOKIE, state, CALLBACK_PATH)).build();
                    case LaunchCompletions.SignInFirst first -> Response.status(302)
                            .location(first.signIn().authorizationUrl())
                            .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                            .cookie(expired(LAUNCH_COOKIE, state, CALLBACK_PATH))
                            .cookie(bindingCookie(SIGN_IN_COOKIE, first.signIn().stateHash(),
                                    first.signIn().browserBinding(), SIGN_IN_CALLBACK_PATH))
                            .build();
                })
                .onFailure().recoverWithItem(LaunchPages::failed);
    }

    /** Entra ID's redirect back after a provider's first (linking) Microsoft 365 sign-in. */
    @GET
    @Path("/m365/callback")
    public Uni<Response> providerSignInCallback(@QueryParam("state") String state, @QueryParam("code") String code,
                                                @QueryParam("error") String error, @Context HttpHeaders headers) {
        String binding = bindingOf(headers.getCookies(), SIGN_IN_COOKIE, state);
        return Uni.createFrom().deferred(() -> completions.completeProviderSignIn(state, binding, code, error))
                .map(joined -> intoMeeting(joined).cookie(expired(SIGN_IN_COOKIE, state, SIGN_IN_CALLBACK_PATH)).build())
                .onFailure().recoverWithItem(LaunchPages::failed);
    }

    private static Response.ResponseBuilder intoMeeting(LaunchCompletions.Joined joined) {
        return Response.seeOther(joined.joinUrl()).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    private static String bindingOf(Map<String, Cookie> cookies, String prefix, String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        Cookie cookie = cookies.get(cookieName(prefix, OAuthValues.sha256Hex(state)));
        return cookie == null ? null : cookie.getValue();
    }

    private static String cookieName(String prefix, String stateHash) {
        return prefix + stateHash.substring(0, 16);
    }

    /**
     * Secure, HttpOnly, SameSite=None: Epic may show the app in an embedded browser or frame, where a Lax cookie would not
     * come back with the redirect; the state still has to match the cookie, so a forged cross-site callback fails.
     */
    private static NewCookie bindingCookie(String prefix, String stateHash, String binding, String path) {
        return new NewCookie.Builder(cookieName(prefix, stateHash)).value(binding).path(path)
                .maxAge((int) LaunchStarts.LIFETIME.toSeconds()).secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.NONE).build();
    }

    private static NewCookie expired(String prefix, String state, String path) {
        return new NewCookie.Builder(cookieName(prefix, OAuthValues.sha256Hex(state))).value("").path(path).maxAge(0)
                .secure(true).httpOnly(true).sameSite(NewCookie.SameSite.NONE).build();
    }
}
