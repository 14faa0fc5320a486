package io.ehrconnector.config.security;

import java.util.Locale;
import java.util.Set;

/**
 * Who is calling: their Entra tenant ({@code tid}, the boundary of everything they may see), their object id and sign-in
 * name (kept as the actor of changes and approvals), and their app roles.
 */
public record Caller(String tenantId, String objectId, String username, Set<String> roles) {

    public Caller {
        username = username == null ? null : username.toLowerCase(Locale.ROOT);
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isAnalyst() {
        return roles.contains(Roles.ANALYST);
    }
}
