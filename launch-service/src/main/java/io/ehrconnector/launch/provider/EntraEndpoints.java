package io.ehrconnector.launch.provider;

/**
 * Entra ID's v2.0 endpoints of one tenant, as Microsoft documents them under the authority (the same layout discovery
 * returns; built here so a provider's first launch costs no discovery round trip). The tenant in the path, never
 * {@code organizations}: only accounts of the hospital's own tenant can sign in.
 */
record EntraEndpoints(String authorize, String token, String keys, String issuer) {

    static EntraEndpoints of(String authority, String tenantId) {
        String base = (authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority) + "/" + tenantId;
        return new EntraEndpoints(base + "/oauth2/v2.0/authorize", base + "/oauth2/v2.0/token",
                base + "/discovery/v2.0/keys", base + "/v2.0");
    }
}
