package io.ehrconnector.testing.standins;

import java.util.Set;

/**
 * A user of an Entra tenant. Synthetic: the display name is a role label, not a person's name.
 *
 * @param tenant            the home tenant ({@code tid})
 * @param objectId          the stable object id ({@code oid}), what the connector stores for a Microsoft 365 user
 * @param userPrincipalName sign-in name ({@code preferred_username}), also the {@code login_hint} that selects the user
 * @param displayName       {@code name}
 * @param roles             app roles assigned to the user for the connector app ({@code roles}); empty for providers
 */
public record EntraUser(EntraTenant tenant, String objectId, String userPrincipalName, String displayName, Set<String> roles) {

    public EntraUser {
        roles = Set.copyOf(roles);
    }
}
