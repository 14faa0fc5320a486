package io.ehrconnector.testing.standins;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EHR stand-in's token endpoint: {@code authorization_code} (single-use code, exact redirect URI, PKCE S256) and
 * {@code client_credentials} for SMART Backend Services (private_key_jwt only). The response carries an opaque access
 * token, an RS256 id_token when {@code openid} was asked for, and the launch context parameters.
 */
final class SmartTokenEndpoint {

    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final EhrUrls urls;
    private final ClientAuthenticator authenticator;
    private final AuthorizationCodes<SmartGrant> codes;
    private final SmartAccessTokens tokens;
    private final RsaSigningKey signingKey;
    private final TokenEndpointSupport support = new TokenEndpointSupport();

    SmartTokenEndpoint(EhrUrls urls, ClientAuthenticator authenticator, AuthorizationCodes<SmartGrant> codes,
                       SmartAccessTokens tokens, RsaSigningKey signingKey) {
        this.urls = urls;
        this.authenticator = authenticator;
        this.codes = codes;
        this.tokens = tokens;
        this.signingKey = signingKey;
    }

    List<TokenRequest> log() {
        return support.log();
    }

    StandInResponse handle(StandInRequest request) {
        Map<String, String> form = request.form();
        String grantType = form.get("grant_type");
        return support.respond(request, grantType, () -> {
            if (!"authorization_code".equals(grantType) && !"client_credentials".equals(grantType)) {
                throw OAuthErrors.token(grantType == null ? "invalid_request" : "unsupported_grant_type",
                        "grant_type must be authorization_code or client_credentials");
            }
            return authenticator.authenticate(request, form, urls.token());
        }, client -> "authorization_code".equals(grantType) ? exchangeCode(form, client) : backendService(form, client));
    }

    private Map<String, Object> exchangeCode(Map<String, String> form, ClientAuthenticator.Authenticated client) {
        String code = form.get("code");
        SmartGrant grant = switch (codes.redeem(code)) {
            case AuthorizationCodes.Valid<SmartGrant> valid -> valid.grant();
            case AuthorizationCodes.Reused<SmartGrant> reused -> {
                tokens.revokeIssuedFromCode(code);
                throw OAuthErrors.token("invalid_grant", "authorization code was already used");
            }
            case AuthorizationCodes.Invalid<SmartGrant> invalid -> throw OAuthErrors.token("invalid_grant", invalid.reason());
        };
        if (!grant.clientId().equals(client.client().clientId())) {
            throw OAuthErrors.token("invalid_grant", "authorization code was issued to another client");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw OAuthErrors.token("invalid_grant", "redirect_uri does not match the authorization request");
        }
        if (!Pkce.verifies(Pkce.S256, grant.codeChallenge(), form.get("code_verifier"))) {
            throw OAuthErrors.token("invalid_grant", "code_verifier does not match the code_challenge");
        }
        Map<String, Object> body = accessTokenBody(tokens.issue(grant.clientId(), grant.scope(), grant.user().userId(), code),
                grant.scope());
        if (hasScope(grant.scope(), "openid")) {
            body.put("id_token", idToken(grant));
        }
        body.putAll(grant.context());
        return body;
    }

    private Map<String, Object> backendService(Map<String, String> form, ClientAuthenticator.Authenticated client) {
        if (client.method() != ClientAuthenticator.Method.PRIVATE_KEY_JWT) {
            throw OAuthErrors.token("unauthorized_client", "client_credentials requires private_key_jwt client authentication");
        }
        String scope = form.get("scope");
        if (scope == null || scope.isBlank()) {
            throw OAuthErrors.token("invalid_scope", "scope is required");
        }
        return accessTokenBody(tokens.issue(client.client().clientId(), scope, null, null), scope);
    }

    private static Map<String, Object> accessTokenBody(String accessToken, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", SmartAccessTokens.LIFETIME.toSeconds());
        body.put("scope", scope);
        return body;
    }

    private String idToken(SmartGrant grant) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(urls.fhirBase())
                .subject(grant.user().userId())
                .audience(grant.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
                .claim("fhirUser", urls.fhirBase() + "/" + grant.user().fhirUser());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        return signingKey.sign(claims.build());
    }

    private static boolean hasScope(String scope, String wanted) {
        return scope != null && Arrays.asList(scope.split(" ")).contains(wanted);
    }
}
