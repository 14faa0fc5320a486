package io.ehrconnector.config.security;

/** Names of the Entra ID v2.0 token claims the connector reads. */
final class EntraClaims {

    static final String TENANT_ID = "tid";
    static final String OBJECT_ID = "oid";
    static final String USERNAME = "preferred_username";

    private EntraClaims() {
    }
}
