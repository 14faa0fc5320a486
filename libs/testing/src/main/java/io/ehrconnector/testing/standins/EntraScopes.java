package io.ehrconnector.testing.standins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Entra v2 {@code scope} parameter taken apart: the OpenID scopes, the one resource the access token is for (bare
 * names like {@code User.Read} mean Microsoft Graph, {@code api://<client id>/...} means the app itself) and the
 * delegated permissions that become {@code scp}.
 */
record EntraScopes(String audience, List<String> permissions, boolean openid, boolean offlineAccess, boolean defaultScope) {

    private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");

    static EntraScopes parse(String scope, String clientId) {
        Set<String> resources = new LinkedHashSet<>();
        List<String> permissions = new ArrayList<>();
        boolean openid = false;
        boolean offline = false;
        boolean defaultScope = false;
        for (String item : scope.trim().split("\\s+")) {
            if (OIDC.contains(item)) {
                openid |= item.equals("openid");
                offline |= item.equals("offline_access");
                continue;
            }
            int slash = item.lastIndexOf('/');
            boolean qualified = item.contains("://") && slash > item.indexOf("://") + 2;
            resources.add(qualified ? item.substring(0, slash) : EntraTokenFactory.GRAPH);
            String permission = qualified ? item.substring(slash + 1) : item;
            if (permission.equals(".default")) {
                defaultScope = true;
            } else {
                permissions.add(permission);
            }
        }
        if (resources.size() > 1) {
            throw OAuthErrors.token("invalid_scope", "AADSTS28000: scopes for more than one resource were requested");
        }
        String resource = resources.isEmpty() ? EntraTokenFactory.GRAPH : resources.iterator().next();
        String audience = resource.equals("api://" + clientId) ? clientId : resource;
        return new EntraScopes(audience, List.copyOf(permissions), openid, offline, defaultScope);
    }
}
