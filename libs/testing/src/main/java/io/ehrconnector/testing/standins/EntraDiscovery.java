package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenID Connect discovery document of an Entra tenant (or of common/organizations), shaped like Entra's v2.0 one. */
final class EntraDiscovery {

    private EntraDiscovery() {
    }

    static Map<String, Object> document(EntraUrls urls, EntraTenantScope scope) {
        String segment = scope.multiTenant() ? scope.segment() : scope.tenant().id();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", urls.token(segment));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", urls.keys(segment));
        doc.put("response_modes_supported", List.of("query", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", scope.issuer(urls));
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_endpoint", urls.authorize(segment));
        doc.put("end_session_endpoint", urls.logout(segment));
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "name", "preferred_username",
                "oid", "tid", "roles", "ver"));
        doc.put("code_challenge_methods_supported", List.of("plain", Pkce.S256));
        doc.put("tenant_region_scope", "NA");
        return doc;
    }
}
