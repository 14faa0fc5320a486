package io.ehrconnector.testing.standins;

import com.nimbusds.jwt.JWTClaimsSet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A page on the Entra ID stand-in where a person can sign in through the browser, before any service has a sign-in of its
 * own: {@code /} lists the tenants, a button runs the authorization code flow with PKCE and state against this stand-in (as a
 * public client), and {@code /sign-in-check/callback} exchanges the code and shows the id token's claims (tid, oid,
 * preferred_username, roles), verified against the stand-in's key.
 */
final class EntraSignInCheck {

    static final String CLIENT_ID = "sign-in-check";
    static final String START_PATH = "/sign-in-check/start";
    static final String CALLBACK_PATH = "/sign-in-check/callback";

    private final EntraUrls urls;
    private final Supplier<List<EntraTenant>> tenants;
    private final Function<String, JWTClaimsSet> verifiedClaims;
    private final Map<String, PendingSignIn> pending = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private record PendingSignIn(String tenantId, String codeVerifier) {
    }

    EntraSignInCheck(EntraUrls urls, Supplier<List<EntraTenant>> tenants, Function<String, JWTClaimsSet> verifiedClaims) {
        this.urls = urls;
        this.tenants = tenants;
        this.verifiedClaims = verifiedClaims;
    }

    RegisteredClient client() {
        return RegisteredClient.of(CLIENT_ID, ClientAuthentication.none(), callbackUri());
    }

    StandInResponse landingPage(StandInRequest request) {
        String buttons = tenants.get().stream().map(t -> "<form method=\"get\" action=\"" + START_PATH + "\">"
                + "<input type=\"hidden\" name=\"tenant\" value=\"" + Html.escape(t.id()) + "\">"
                + "<button>Sign in to " + Html.escape(t.name()) + "</button> <code>" + Html.escape(t.id()) + "</code></form>")
                .collect(Collectors.joining());
        return StandInResponse.html(200, Html.page("Entra ID stand-in",
                "<p>Pick a tenant, then a user (admin, analyst, provider). You come back here with the signed token's claims."
                        + "</p>" + buttons));
    }

    StandInResponse start(StandInRequest request) {
        String tenantId = request.queryParam("tenant");
        if (tenantId == null || tenants.get().stream().noneMatch(t -> t.id().equals(tenantId))) {
            return StandInResponse.html(400, Html.page("Unknown tenant", "<p>Choose a tenant on <a href=\"/\">the start page</a>.</p>"));
        }
        String state = RandomIds.token(24);
        String verifier = RandomIds.token(48);
        pending.put(state, new PendingSignIn(tenantId, verifier));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", CLIENT_ID);
        query.put("response_type", "code");
        query.put("redirect_uri", callbackUri());
        query.put("scope", "openid profile");
        query.put("state", state);
        query.put("nonce", RandomIds.token(16));
        query.put("code_challenge", Pkce.s256(verifier));
        query.put("code_challenge_method", Pkce.S256);
        if (request.queryParam("login_hint") != null) {
            query.put("login_hint", request.queryParam("login_hint"));
        }
        return StandInResponse.redirect(urls.authorize(tenantId) + "?" + form(query));
    }

    StandInResponse callback(StandInRequest request) {
        PendingSignIn signIn = request.queryParam("state") == null ? null : pending.remove(request.queryParam("state"));
        if (signIn == null) {
            return StandInResponse.html(400, Html.page("Sign-in not recognised",
                    "<p>Unknown or already used state. <a href=\"/\">Start again</a>.</p>"));
        }
        if (request.queryParam("error") != null) {
            return StandInResponse.html(400, Html.page("Sign-in failed", "<p>" + Html.escape(request.queryParam("error"))
                    + ": " + Html.escape(request.queryParam("error_description")) + "</p>"));
        }
        Map<String, String> tokenRequest = Map.of("grant_type", "authorization_code", "client_id", CLIENT_ID,
                "code", String.valueOf(request.queryParam("code")), "redirect_uri", callbackUri(),
                "code_verifier", signIn.codeVerifier());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.token(signIn.tenantId())))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(tokenRequest))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return StandInResponse.html(502, Html.page("Token request refused", "<pre>" + Html.escape(response.body()) + "</pre>"));
            }
            JWTClaimsSet claims = verifiedClaims.apply(Json.parse(response.body()).path("id_token").asText());
            if (claims == null) {
                return StandInResponse.html(502, Html.page("Bad id token", "<p>The id token's signature did not verify.</p>"));
            }
            return StandInResponse.html(200, Html.page("Signed in", claimsTable(claims) + "<p><a href=\"/\">Sign in again</a></p>"));
        } catch (IOException e) {
            return StandInResponse.html(502, Html.page("Token endpoint unreachable", "<p>" + Html.escape(e.getMessage()) + "</p>"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StandInResponse.html(503, Html.page("Interrupted", ""));
        }
    }

    private static String claimsTable(JWTClaimsSet claims) {
        StringBuilder rows = new StringBuilder("<table>");
        for (String name : List.of("iss", "aud", "tid", "oid", "preferred_username", "roles", "ver")) {
            Object value = claims.getClaim(name);
            rows.append("<tr><th align=\"left\">").append(name).append("</th><td><code>")
                    .append(Html.escape(String.valueOf(value))).append("</code></td></tr>");
        }
        return rows.append("</table>").toString();
    }

    private String callbackUri() {
        return urls.base() + CALLBACK_PATH;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
