package io.ehrconnector.testing.standins;

import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds and signs Entra ID v2.0-style tokens: id tokens, delegated access tokens and app-only access tokens, with the
 * claims the connector reads ({@code iss}, {@code aud}, {@code tid}, {@code oid}, {@code preferred_username},
 * {@code roles}, {@code scp}, {@code nonce}, {@code ver}).
 */
final class EntraTokenFactory {

    /** The audience of Microsoft Graph tokens. */
    static final String GRAPH = "https://graph.microsoft.com";
    static final Duration LIFETIME = Duration.ofMinutes(60);

    private final EntraUrls urls;
    private final RsaSigningKey signingKey;

    EntraTokenFactory(EntraUrls urls, RsaSigningKey signingKey) {
        this.urls = urls;
        this.signingKey = signingKey;
    }

    String idToken(EntraUser user, String clientId, String nonce) {
        JWTClaimsSet.Builder claims = common(user.tenant(), clientId)
                .subject(pairwiseSubject(user.objectId(), clientId))
                .claim("oid", user.objectId())
                .claim("preferred_username", user.userPrincipalName())
                .claim("name", user.displayName());
        if (!user.roles().isEmpty()) {
            claims.claim("roles", List.copyOf(user.roles()));
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return signingKey.sign(claims.build());
    }

    /**
     * A delegated token for {@code audience}; the user's app roles go only into tokens for the connector app itself.
     *
     * @param scopes   delegated permissions without the resource prefix ({@code scp}); may be empty
     * @param clientAuthLevel {@code azpacr}: 0 public client, 1 secret, 2 certificate/assertion
     */
    String userAccessToken(EntraUser user, String clientId, String audience, List<String> scopes, String clientAuthLevel) {
        JWTClaimsSet.Builder claims = common(user.tenant(), audience)
                .subject(pairwiseSubject(user.objectId(), clientId))
                .claim("oid", user.objectId())
                .claim("preferred_username", user.userPrincipalName())
                .claim("name", user.displayName())
                .claim("azp", clientId)
                .claim("azpacr", clientAuthLevel)
                .claim("idtyp", "user");
        if (!scopes.isEmpty()) {
            claims.claim("scp", String.join(" ", scopes));
        }
        if (audience.equals(clientId) && !user.roles().isEmpty()) {
            claims.claim("roles", List.copyOf(user.roles()));
        }
        return signingKey.sign(claims.build());
    }

    /** An app-only token (client credentials) carrying the application permissions granted to the client. */
    String appAccessToken(EntraTenant tenant, String clientId, String audience, Set<String> roles, String clientAuthLevel) {
        String servicePrincipal = servicePrincipalId(tenant, clientId);
        JWTClaimsSet.Builder claims = common(tenant, audience)
                .subject(servicePrincipal)
                .claim("oid", servicePrincipal)
                .claim("azp", clientId)
                .claim("azpacr", clientAuthLevel)
                .claim("idtyp", "app");
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        return signingKey.sign(claims.build());
    }

    private JWTClaimsSet.Builder common(EntraTenant tenant, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(urls.issuer(tenant.id()))
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("tid", tenant.id())
                .claim("uti", RandomIds.token(16))
                .claim("ver", "2.0");
    }

    /** Entra's {@code sub} differs per app for the same user; derived, so stable across runs. */
    private static String pairwiseSubject(String objectId, String clientId) {
        byte[] bytes = (objectId + "|" + clientId).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                UUID.nameUUIDFromBytes(bytes).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The object id of the app's service principal in a tenant; stable for a given tenant and client. */
    static String servicePrincipalId(EntraTenant tenant, String clientId) {
        return UUID.nameUUIDFromBytes((tenant.id() + "|sp|" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
