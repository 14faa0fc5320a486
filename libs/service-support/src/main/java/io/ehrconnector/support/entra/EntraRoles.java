package io.ehrconnector.support.entra;

/** The connector's Entra ID app roles (assigned to users in each hospital's tenant). */
public final class EntraRoles {

    /** The hospital's Microsoft 365 admin: registers FHIR base URLs and SMS settings, reads the audit log. */
    public static final String ADMIN = "Connector.Admin";
    /** The hospital's Epic customer analyst: validates and approves FHIR base URLs, reads the audit log. */
    public static final String ANALYST = "Connector.Analyst";

    private EntraRoles() {
    }
}
