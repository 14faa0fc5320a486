package io.ehrconnector.testing.standins;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tenants and users one {@link EntraIdStandIn} knows: the {@link EntraDirectory} seed plus any a test adds. */
final class EntraUserRegistry {

    private final List<EntraTenant> tenants = new CopyOnWriteArrayList<>(EntraDirectory.TENANTS);
    private final List<EntraUser> users = new CopyOnWriteArrayList<>(EntraDirectory.USERS);

    void add(EntraUser user) {
        if (tenants.stream().noneMatch(t -> t.id().equals(user.tenant().id()))) {
            tenants.add(user.tenant());
        }
        users.add(user);
    }

    /** A tenant by id or domain. */
    List<EntraTenant> tenants() {
        return List.copyOf(tenants);
    }

    Optional<EntraTenant> tenant(String idOrDomain) {
        return tenants.stream()
                .filter(t -> t.id().equalsIgnoreCase(idOrDomain) || t.domain().equalsIgnoreCase(idOrDomain))
                .findFirst();
    }

    /** Users of one tenant, or of all tenants when {@code tenant} is null (the common endpoints). */
    List<EntraUser> users(EntraTenant tenant) {
        return users.stream().filter(u -> tenant == null || u.tenant().id().equals(tenant.id())).toList();
    }

    Optional<EntraUser> byUserPrincipalName(EntraTenant tenant, String upn) {
        return users(tenant).stream().filter(u -> u.userPrincipalName().equalsIgnoreCase(upn)).findFirst();
    }
}
