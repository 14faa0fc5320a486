package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Entra ID stand-in's {@code /{tenant}/oauth2/v2.0/authorize}. A {@code login_hint} naming a user of the tenant
 * signs that user in at once (what tests use); without one a small page lists the tenant's users to click, as a
 * person in the local stack would. Answers by query redirect or {@code response_mode=form_post}.
 */
final class EntraAuthorizeEndpoint {

    private final EntraUrls urls;
    private final EntraUserRegistry users;
    private final ClientRegistry clients;
    private final AuthorizationCodes<EntraGrant> codes;
    private final Supplier<EntraUser> autoSignIn;

    EntraAuthorizeEndpoint(EntraUrls urls, EntraUserRegistry users, ClientRegistry clients,
                           AuthorizationCodes<EntraGrant> codes, Supplier<EntraUser> autoSignIn) {
        this.urls = urls;
        this.users = users;
        this.clients = clients;
        this.codes = codes;
        this.autoSignIn = autoSignIn;
    }

    StandInResponse handle(StandInRequest request) {
        Optional<EntraTenantScope> scope = EntraTenantScope.resolve(request.pathParam(0), users);
        if (scope.isEmpty()) {
            return OAuthErrors.page("invalid_tenant", "AADSTS90002: Tenant '" + request.pathParam(0) + "' not found.");
        }
        Map<String, String> params = request.query();
        Optional<RegisteredClient> client = clients.find(params.get("client_id"));
        if (client.isEmpty()) {
            return OAuthErrors.page("unauthorized_client", "AADSTS700016: Application with identifier '"
                    + params.get("client_id") + "' was not found in the directory.");
        }
        String redirectUri = params.get("redirect_uri");
        if (!client.get().allowsRedirect(redirectUri)) {
            return OAuthErrors.page("invalid_request", "AADSTS50011: The redirect URI '" + redirectUri
                    + "' specified in the request does not match the redirect URIs configured for the application.");
        }
        String state = params.get("state");
        String responseMode = params.getOrDefault("response_mode", "query");
        if (!"code".equals(params.get("response_type"))) {
            return answer(redirectUri, responseMode, error("unsupported_response_type", "AADSTS700054: response_type must be code.", state));
        }
        if (params.get("scope") == null || params.get("scope").isBlank()) {
            return answer(redirectUri, responseMode, error("invalid_request", "AADSTS900144: The request must contain the parameter 'scope'.", state));
        }
        String challenge = params.get("code_challenge");
        String method = challenge == null ? null : params.getOrDefault("code_challenge_method", "plain");
        if (method != null && !method.equals(Pkce.S256) && !method.equals("plain")) {
            return answer(redirectUri, responseMode, error("invalid_request", "AADSTS501491: Invalid code_challenge_method.", state));
        }

        Optional<EntraUser> user = signedInUser(scope.get(), params.get("login_hint"));
        if (user.isEmpty()) {
            if ("none".equals(params.get("prompt"))) {
                return answer(redirectUri, responseMode, error("login_required", "AADSTS50058: No user is signed in.", state));
            }
            return pickerPage(request, scope.get());
        }
        String code = codes.issue(new EntraGrant(client.get().clientId(), redirectUri, params.get("scope"), challenge, method,
                params.get("nonce"), user.get()));
        Map<String, String> response = new LinkedHashMap<>();
        response.put("code", code);
        response.put("state", state);
        response.put("session_state", RandomIds.uuid());
        return answer(redirectUri, responseMode, response);
    }

    private Optional<EntraUser> signedInUser(EntraTenantScope scope, String loginHint) {
        if (loginHint != null && !loginHint.isBlank()) {
            return users.byUserPrincipalName(scope.tenant(), loginHint);
        }
        EntraUser automatic = autoSignIn.get();
        return automatic != null && scope.contains(automatic) ? Optional.of(automatic) : Optional.empty();
    }

    private StandInResponse pickerPage(StandInRequest request, EntraTenantScope scope) {
        Map<String, String> params = new LinkedHashMap<>(request.query());
        String list = users.users(scope.tenant()).stream()
                .map(user -> {
                    params.put("login_hint", user.userPrincipalName());
                    String href = urls.authorize(scope.segment()) + "?" + FormCodec.encode(params);
                    String roles = user.roles().isEmpty() ? "no app role" : String.join(", ", user.roles().stream().sorted().toList());
                    return "<li><a href=\"%s\">%s</a> <code>%s</code> (%s)</li>".formatted(Html.escape(href),
                            Html.escape(user.displayName()), Html.escape(user.userPrincipalName()), Html.escape(roles));
                })
                .collect(Collectors.joining("\n"));
        String tenant = scope.multiTenant() ? "any organization" : scope.tenant().name();
        return StandInResponse.html(200, Html.page("Microsoft sign-in (stand-in)",
                "<p>Pick an account of " + Html.escape(tenant) + ":</p><ul>" + list + "</ul>"));
    }

    private static Map<String, String> error(String error, String description, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        return params;
    }

    private static StandInResponse answer(String redirectUri, String responseMode, Map<String, String> params) {
        if ("form_post".equals(responseMode)) {
            return StandInResponse.html(200, Html.autoPostForm(redirectUri, params));
        }
        return StandInResponse.redirect(FormCodec.appendQuery(redirectUri, params));
    }
}
