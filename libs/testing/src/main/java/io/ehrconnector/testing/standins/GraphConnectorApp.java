package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The connector's Teams set-up on the stand-ins, as each hospital's admin makes it in Microsoft 365: the connector's
 * multi-tenant app {@value #CLIENT_ID} registered with the Entra ID stand-in (a fresh secret) and granted
 * {@code OnlineMeetings.ReadWrite.All} and {@code CallRecords.Read.All}; an organizer account per tenant
 * ({@link #CONTOSO_ORGANIZER}, {@link #FABRIKAM_ORGANIZER}) that the Graph stand-in knows; Graph accepting only that Entra's access tokens.
 * {@link #register} answers with launch-service's {@code ehr.graph.*} settings pointing at the stand-ins, the way
 * production points them at Microsoft: used by the tests' {@code GraphResource}, the local stack and the launch benchmark.
 */
public final class GraphConnectorApp {

    /** The connector's Entra ID app, as registered with the Entra stand-in. */
    public static final String CLIENT_ID = "ehr-connector-graph";
    /** The account that organizes Contoso's visit meetings. */
    public static final String CONTOSO_ORGANIZER = "11111111-c0c0-4000-8000-0000000000a1";
    /** The account that organizes Fabrikam's visit meetings. */
    public static final String FABRIKAM_ORGANIZER = "22222222-fab0-4000-8000-0000000000a1";
    /** The TLS registry entry ({@code quarkus.tls.<name>.trust-store}) that trusts the Entra stand-in's HTTPS port. */
    public static final String TLS_CONFIGURATION = "entra-stand-in";

    private GraphConnectorApp() {
    }

    /**
     * Registers the app and the organizers; returns the settings by their Quarkus property names:
     * {@code ehr.graph.base-url} (the Graph stand-in), {@code ehr.graph.authority-host} (the Entra stand-in's HTTPS port,
     * azure-identity refuses plain HTTP, trusted through {@link #TLS_CONFIGURATION}), the client id and secret, and the
     * organizers of both tenants.
     *
     * @param entra started with {@link EntraIdStandIn#alsoServeHttps(boolean) alsoServeHttps(true)}
     */
    public static Map<String, String> register(EntraIdStandIn entra, GraphStandIn graph) {
        String secret = UUID.randomUUID().toString();
        entra.registerClient(RegisteredClient.of(CLIENT_ID, ClientAuthentication.secret(secret)));
        entra.grantApplicationPermissions(CLIENT_ID, "OnlineMeetings.ReadWrite.All", "CallRecords.Read.All");
        graph.acceptAccessTokens(entra.accessTokenValidator(EntraIdStandIn.GRAPH_AUDIENCE));
        addOrganizer(graph, EntraDirectory.CONTOSO, CONTOSO_ORGANIZER);
        addOrganizer(graph, EntraDirectory.FABRIKAM, FABRIKAM_ORGANIZER);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ehr.graph.base-url", graph.graphBaseUrl());
        settings.put("ehr.graph.authority-host", entra.httpsBaseUrl());
        settings.put("ehr.graph.authority-tls-configuration-name", TLS_CONFIGURATION);
        settings.put("quarkus.tls." + TLS_CONFIGURATION + ".trust-store.p12.path", entra.trustStorePath().toString());
        settings.put("quarkus.tls." + TLS_CONFIGURATION + ".trust-store.p12.password", entra.trustStorePassword());
        settings.put("ehr.graph.client-id", CLIENT_ID);
        settings.put("ehr.graph.client-secret", secret);
        settings.put("ehr.graph.organizers", EntraDirectory.CONTOSO.id() + ":" + CONTOSO_ORGANIZER + ","
                + EntraDirectory.FABRIKAM.id() + ":" + FABRIKAM_ORGANIZER);
        return settings;
    }

    private static void addOrganizer(GraphStandIn graph, EntraTenant tenant, String objectId) {
        String account = "virtual-visits@" + tenant.domain();
        graph.addUser(objectId, tenant.id(), Map.of("displayName", tenant.name() + " Virtual Visits",
                "userPrincipalName", account, "mail", account));
    }
}
