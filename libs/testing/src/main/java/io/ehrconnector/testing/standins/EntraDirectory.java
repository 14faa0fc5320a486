package io.ehrconnector.testing.standins;

import java.util.List;
import java.util.Set;

/**
 * The tenants and users every {@link EntraIdStandIn} starts with, as constants tests and the local stack refer to: two
 * hospitals, each with an admin, an analyst, a provider (no app role) and one user who is both admin and analyst.
 * Ids are fixed so configuration files can name them.
 */
public final class EntraDirectory {

    /** App role of connector administrators (register FHIR URLs, manage SMS settings). */
    public static final String ROLE_ADMIN = "Connector.Admin";
    /** App role of analysts (prove and approve a FHIR URL, view reports). */
    public static final String ROLE_ANALYST = "Connector.Analyst";

    public static final EntraTenant CONTOSO =
            new EntraTenant("c0c0c0c0-1111-4000-8000-000000000000", "Contoso Hospital", "contoso.onmicrosoft.com");
    public static final EntraTenant FABRIKAM =
            new EntraTenant("fab0fab0-2222-4000-8000-000000000000", "Fabrikam Hospital", "fabrikam.onmicrosoft.com");

    public static final EntraUser CONTOSO_ADMIN = user(CONTOSO, "11111111-c0c0-4000-8000-000000000001", "admin", "Contoso Admin", ROLE_ADMIN);
    public static final EntraUser CONTOSO_ANALYST = user(CONTOSO, "11111111-c0c0-4000-8000-000000000002", "analyst", "Contoso Analyst", ROLE_ANALYST);
    public static final EntraUser CONTOSO_PROVIDER = user(CONTOSO, "11111111-c0c0-4000-8000-000000000003", "provider", "Contoso Provider");
    public static final EntraUser CONTOSO_ADMIN_ANALYST = user(CONTOSO, "11111111-c0c0-4000-8000-000000000004", "admin.analyst",
            "Contoso Admin Analyst", ROLE_ADMIN, ROLE_ANALYST);

    public static final EntraUser FABRIKAM_ADMIN = user(FABRIKAM, "22222222-fab0-4000-8000-000000000001", "admin", "Fabrikam Admin", ROLE_ADMIN);
    public static final EntraUser FABRIKAM_ANALYST = user(FABRIKAM, "22222222-fab0-4000-8000-000000000002", "analyst", "Fabrikam Analyst", ROLE_ANALYST);
    public static final EntraUser FABRIKAM_PROVIDER = user(FABRIKAM, "22222222-fab0-4000-8000-000000000003", "provider", "Fabrikam Provider");
    public static final EntraUser FABRIKAM_ADMIN_ANALYST = user(FABRIKAM, "22222222-fab0-4000-8000-000000000004", "admin.analyst",
            "Fabrikam Admin Analyst", ROLE_ADMIN, ROLE_ANALYST);

    public static final List<EntraTenant> TENANTS = List.of(CONTOSO, FABRIKAM);
    public static final List<EntraUser> USERS = List.of(CONTOSO_ADMIN, CONTOSO_ANALYST, CONTOSO_PROVIDER, CONTOSO_ADMIN_ANALYST,
            FABRIKAM_ADMIN, FABRIKAM_ANALYST, FABRIKAM_PROVIDER, FABRIKAM_ADMIN_ANALYST);

    private EntraDirectory() {
    }

    private static EntraUser user(EntraTenant tenant, String oid, String alias, String displayName, String... roles) {
        return new EntraUser(tenant, oid, alias + "@" + tenant.domain(), displayName, Set.of(roles));
    }
}
