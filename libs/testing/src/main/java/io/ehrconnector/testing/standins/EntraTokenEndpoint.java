package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Entra ID stand-in's {@code /{tenant}/oauth2/v2.0/token}: {@code authorization_code} (PKCE when the authorize
 * request had a challenge), {@code refresh_token} and {@code client_credentials} (scope {@code <resource>/.default},
 * app-only token carrying the application permissions granted to the client). Clients authenticate with a secret
 * (basic or post), a client assertion, or not at all when public.
 */
final class EntraTokenEndpoint {

    private final EntraUserRegistry users;
    private final EntraUrls urls;
    private final ClientAuthenticator authenticator;
    private final AuthorizationCodes<EntraGrant> codes;
    private final EntraTokenFactory tokens;
    private final Function<String, Set<String>> appPermissions;
    private final Map<String, EntraGrant> refreshTokens = new ConcurrentHashMap<>();
    private final TokenEndpointSupport support = new TokenEndpointSupport();

    EntraTokenEndpoint(EntraUserRegistry users, EntraUrls urls, ClientAuthenticator authenticator, AuthorizationCodes<EntraGrant> codes,
                       EntraTokenFactory tokens, Function<String, Set<String>> appPermissions) {
        this.users = users;
        this.urls = urls;
        this.authenticator = authenticator;
        this.codes = codes;
        this.tokens = tokens;
        this.appPermissions = appPermissions;
    }

    List<TokenRequest> log() {
        return support.log();
    }

    StandInResponse handle(StandInRequest request) {
        Optional<EntraTenantScope> scope = EntraTenantScope.resolve(request.pathParam(0), users);
        Map<String, String> form = request.form();
        String grantType = form.get("grant_type");
        String tokenUrl = urls.token(request.pathParam(0));
        return support.respond(request, grantType, () -> {
            if (scope.isEmpty()) {
                throw OAuthErrors.token("invalid_request", "AADSTS90002: Tenant '" + request.pathParam(0) + "' not found.");
            }
            return authenticator.authenticate(request, form, tokenUrl);
        }, client -> switch (String.valueOf(grantType)) {
            case "authorization_code" -> authorizationCode(form, client, scope.get());
            case "refresh_token" -> refresh(form, client);
            case "client_credentials" -> clientCredentials(form, client, scope.get());
            default -> throw OAuthErrors.token("unsupported_grant_type", "AADSTS70003: unsupported grant_type");
        });
    }

    private Map<String, Object> authorizationCode(Map<String, String> form, ClientAuthenticator.Authenticated client,
                                                  EntraTenantScope scope) {
        String code = form.get("code");
        EntraGrant grant = switch (codes.redeem(code)) {
            case AuthorizationCodes.Valid<EntraGrant> valid -> valid.grant();
            case AuthorizationCodes.Reused<EntraGrant> reused ->
                    throw OAuthErrors.token("invalid_grant", "AADSTS54005: OAuth2 Authorization code was already redeemed.");
            case AuthorizationCodes.Invalid<EntraGrant> invalid ->
                    throw OAuthErrors.token("invalid_grant", "AADSTS70008: " + invalid.reason());
        };
        if (!grant.clientId().equals(client.client().clientId())) {
            throw OAuthErrors.token("invalid_grant", "AADSTS70000: the code was issued to another client");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw OAuthErrors.token("invalid_grant", "AADSTS50148: redirect_uri does not match the authorization request");
        }
        if (grant.codeChallenge() != null
                && !Pkce.verifies(grant.challengeMethod(), grant.codeChallenge(), form.get("code_verifier"))) {
            throw OAuthErrors.token("invalid_grant", "AADSTS501481: The Code_Verifier does not match the code_challenge.");
        }
        if (!scope.contains(grant.user())) {
            throw OAuthErrors.token("invalid_grant", "AADSTS50020: the user's tenant does not match the token endpoint's");
        }
        return userTokens(grant, client, grant.scope(), grant.nonce());
    }

    private Map<String, Object> refresh(Map<String, String> form, ClientAuthenticator.Authenticated client) {
        EntraGrant grant = refreshTokens.get(String.valueOf(form.get("refresh_token")));
        if (grant == null || !grant.clientId().equals(client.client().clientId())) {
            throw OAuthErrors.token("invalid_grant", "AADSTS9002313: Invalid request. The refresh token is malformed or not valid.");
        }
        String scope = form.getOrDefault("scope", grant.scope());
        return userTokens(grant, client, scope, null);
    }

    private Map<String, Object> clientCredentials(Map<String, String> form, ClientAuthenticator.Authenticated client,
                                                  EntraTenantScope scope) {
        if (client.method() == ClientAuthenticator.Method.NONE) {
            throw OAuthErrors.token("invalid_client", "AADSTS7000218: client_secret or client_assertion is required");
        }
        if (scope.multiTenant()) {
            throw OAuthErrors.token("invalid_request", "AADSTS90009: client credentials need a tenant, not " + scope.segment());
        }
        EntraScopes scopes = EntraScopes.parse(form.getOrDefault("scope", ""), client.client().clientId());
        if (!scopes.defaultScope() || !scopes.permissions().isEmpty()) {
            throw OAuthErrors.token("invalid_scope", "AADSTS1002012: The provided value for scope is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", EntraTokenFactory.LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", EntraTokenFactory.LIFETIME.toSeconds() - 1);
        body.put("access_token", tokens.appAccessToken(scope.tenant(), client.client().clientId(), scopes.audience(),
                appPermissions.apply(client.client().clientId()), clientAuthLevel(client)));
        return body;
    }

    private Map<String, Object> userTokens(EntraGrant grant, ClientAuthenticator.Authenticated client, String scope,
                                           String nonce) {
        String clientId = client.client().clientId();
        EntraScopes scopes = EntraScopes.parse(scope, clientId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", EntraTokenFactory.LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", EntraTokenFactory.LIFETIME.toSeconds() - 1);
        body.put("access_token", tokens.userAccessToken(grant.user(), clientId, scopes.audience(), scopes.permissions(),
                clientAuthLevel(client)));
        if (scopes.offlineAccess()) {
            String refreshToken = RandomIds.token(48);
            refreshTokens.put(refreshToken, grant);
            body.put("refresh_token", refreshToken);
        }
        if (scopes.openid()) {
            body.put("id_token", tokens.idToken(grant.user(), clientId, nonce));
        }
        return body;
    }

    /** Entra's {@code azpacr}: 0 public client, 1 client secret, 2 certificate or assertion. */
    private static String clientAuthLevel(ClientAuthenticator.Authenticated client) {
        return switch (client.method()) {
            case NONE -> "0";
            case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> "1";
            case PRIVATE_KEY_JWT -> "2";
        };
    }
}
