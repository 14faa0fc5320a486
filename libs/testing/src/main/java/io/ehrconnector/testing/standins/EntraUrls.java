package io.ehrconnector.testing.standins;

/** The Entra ID stand-in's URL layout, mirroring login.microsoftonline.com: everything under /{tenant}/... */
record EntraUrls(String base) {

    /** The v2.0 issuer of tokens for a tenant. */
    String issuer(String tenantId) {
        return base + "/" + tenantId + "/v2.0";
    }

    String discovery(String tenantSegment) {
        return base + "/" + tenantSegment + "/v2.0/.well-known/openid-configuration";
    }

    String authorize(String tenantSegment) {
        return base + "/" + tenantSegment + "/oauth2/v2.0/authorize";
    }

    String token(String tenantSegment) {
        return base + "/" + tenantSegment + "/oauth2/v2.0/token";
    }

    String keys(String tenantSegment) {
        return base + "/" + tenantSegment + "/discovery/v2.0/keys";
    }

    String logout(String tenantSegment) {
        return base + "/" + tenantSegment + "/oauth2/v2.0/logout";
    }
}
