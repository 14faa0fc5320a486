package io.ehrconnector.testing.standins;

import java.util.Optional;

/**
 * What the {tenant} path segment of an Entra URL names: one tenant (by id or domain), or every tenant for the
 * multi-tenant {@code common} and {@code organizations} endpoints.
 *
 * @param segment the segment as written in the URL
 * @param tenant  the tenant, or {@code null} for common/organizations
 */
record EntraTenantScope(String segment, EntraTenant tenant) {

    static Optional<EntraTenantScope> resolve(String segment, EntraUserRegistry registry) {
        if ("common".equalsIgnoreCase(segment) || "organizations".equalsIgnoreCase(segment)) {
            return Optional.of(new EntraTenantScope(segment, null));
        }
        return registry.tenant(segment).map(tenant -> new EntraTenantScope(segment, tenant));
    }

    boolean multiTenant() {
        return tenant == null;
    }

    /** The {@code issuer} of the discovery document: per tenant, or Entra's literal template for common. */
    String issuer(EntraUrls urls) {
        return urls.issuer(multiTenant() ? "{tenantid}" : tenant.id());
    }

    boolean contains(EntraUser user) {
        return multiTenant() || tenant.id().equals(user.tenant().id());
    }
}
