package io.ehrconnector.support.entra;

/** Names of the Entra ID v2.0 token claims the connector reads. */
public final class EntraClaims {

    /** The tenant ({@code tid}): the hospital, the boundary of everything a caller may see. */
    public static final String TENANT_ID = "tid";
    public static final String OBJECT_ID = "oid";
    public static final String USERNAME = "preferred_username";

    private EntraClaims() {
    }
}
