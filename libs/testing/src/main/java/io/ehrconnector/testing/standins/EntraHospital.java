package io.ehrconnector.testing.standins;

import java.util.Set;
import java.util.UUID;

/**
 * A hospital of its own: a fresh Entra tenant with an admin and a separate Epic analyst, for tests whose state is kept per
 * tenant (SMS consents, numbers, certificates), so that one test never meets another's. Sign-in through the Entra
 * stand-in's pages needs the users added to it ({@link EntraIdStandIn#addUser}); tokens issued directly do not.
 */
public record EntraHospital(EntraTenant tenant, EntraUser admin, EntraUser analyst) {

    /** @param name the hospital's display name; a short unique suffix is added to it and to its domain */
    public static EntraHospital create(String name) {
        String id = UUID.randomUUID().toString();
        String suffix = id.substring(0, 8);
        String domain = "h" + suffix + ".example.org";
        EntraTenant tenant = new EntraTenant(id, name + " " + suffix, domain);
        return new EntraHospital(tenant,
                new EntraUser(tenant, UUID.randomUUID().toString(), "admin@" + domain, name + " Admin",
                        Set.of(EntraDirectory.ROLE_ADMIN)),
                new EntraUser(tenant, UUID.randomUUID().toString(), "analyst@" + domain, name + " Analyst",
                        Set.of(EntraDirectory.ROLE_ANALYST)));
    }
}
