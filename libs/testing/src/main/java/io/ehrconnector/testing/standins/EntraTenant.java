package io.ehrconnector.testing.standins;

/**
 * A Microsoft Entra ID tenant (a hospital's directory) known to the {@link EntraIdStandIn}.
 *
 * @param id     the tenant id (GUID), the {@code tid} claim
 * @param name   a label for pages and logs
 * @param domain the initial domain, usable instead of the id in URLs (e.g. {@code contoso.onmicrosoft.com})
 */
public record EntraTenant(String id, String name, String domain) {
}
