package io.ehrconnector.config.security;

import io.ehrconnector.support.entra.EntraRoles;

/** The connector's Entra ID app roles (assigned to users in each hospital's tenant). */
public final class Roles {

    /** The hospital's Microsoft 365 admin: registers FHIR base URLs and SMS settings. */
    public static final String ADMIN = EntraRoles.ADMIN;
    /** The hospital's Epic customer analyst: validates and approves FHIR base URLs. */
    public static final String ANALYST = EntraRoles.ANALYST;

    private Roles() {
    }
}
