package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.GraphConnectorApp;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the Microsoft Graph stand-in for a service that creates Teams meetings, and points the service's
 * {@code ehr.graph.*} settings at it and at the Entra ID stand-in, as production points them at Microsoft
 * ({@link GraphConnectorApp}, which the local stack uses too):
 * <ul>
 *   <li>{@code ehr.graph.base-url}: the Graph stand-in's {@code http://127.0.0.1:port/v1.0};</li>
 *   <li>{@code ehr.graph.authority-host}: the Entra stand-in's HTTPS port (azure-identity refuses plain HTTP), trusted
 *       through the TLS registry entry {@value #TLS_CONFIGURATION} ({@code ehr.graph.authority-tls-configuration-name});</li>
 *   <li>{@code ehr.graph.client-id} / {@code client-secret}: the connector app {@value #CLIENT_ID}, registered with a fresh
 *       secret and granted {@code OnlineMeetings.ReadWrite.All} and {@code CallRecords.Read.All};</li>
 *   <li>{@code ehr.graph.organizers}: {@link #CONTOSO_ORGANIZER} for {@link EntraDirectory#CONTOSO} and
 *       {@link #FABRIKAM_ORGANIZER} for {@link EntraDirectory#FABRIKAM}, accounts Graph knows; any other tenant has none.</li>
 * </ul>
 * Graph accepts only access tokens of that Entra stand-in, which is the one {@link EntraIdResource} uses when a test class
 * names both. Injects the {@link GraphStandIn} (and the {@link EntraIdStandIn}) into fields marked {@link InjectStandIn}.
 */
public class GraphResource implements QuarkusTestResourceLifecycleManager {

    /** The connector's Entra ID app, as registered with the Entra stand-in. */
    public static final String CLIENT_ID = GraphConnectorApp.CLIENT_ID;
    /** The account that organizes Contoso's visit meetings. */
    public static final String CONTOSO_ORGANIZER = GraphConnectorApp.CONTOSO_ORGANIZER;
    /** The account that organizes Fabrikam's visit meetings. */
    public static final String FABRIKAM_ORGANIZER = GraphConnectorApp.FABRIKAM_ORGANIZER;
    /** The TLS registry entry ({@code quarkus.tls.<name>.trust-store}) that trusts the Entra stand-in's HTTPS port. */
    public static final String TLS_CONFIGURATION = GraphConnectorApp.TLS_CONFIGURATION;

    private EntraIdStandIn entra;
    private GraphStandIn graph;

    @Override
    public Map<String, String> start() {
        entra = SharedEntraIdStandIn.acquire();
        graph = new GraphStandIn(0).start();
        return GraphConnectorApp.register(entra, graph);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(graph, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, GraphStandIn.class));
        testInjector.injectIntoFields(entra, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class, EntraIdStandIn.class));
    }

    @Override
    public void stop() {
        if (graph != null) {
            graph.stop();
            graph = null;
        }
        if (entra != null) {
            SharedEntraIdStandIn.release();
            entra = null;
        }
    }
}
