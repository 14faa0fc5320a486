package io.ehrconnector.launch.meeting;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.quarkus.runtime.Startup;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Graph client per hospital tenant, made on first use and kept. Each authenticates as the connector's Entra ID app
 * (client credentials) with tokens from that tenant's own authority, {@code <authority-host>/<tenantId>}, reused until
 * shortly before they expire ({@link CachedTokenCredential}); all of them share one HTTP client for Entra and one for
 * Graph. Made at startup, so that a TLS setting naming no TLS configuration stops the service instead of every meeting.
 */
@Startup
@ApplicationScoped
public class GraphClients {

    /** App-only tokens carry every application permission the tenant consented to; {@code .default} asks for them. */
    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private final GraphSettings settings;
    private final HttpClient entraHttp;
    private final OkHttpClient graphHttp;
    private final Map<String, GraphServiceClient> byTenant = new ConcurrentHashMap<>();

    GraphClients(GraphSettings settings, TlsConfigurationRegistry tlsRegistry) {
        this.settings = settings;
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder().connectTimeout(settings.timeout());
        settings.authorityTlsConfigurationName().ifPresent(name -> jdk.sslContext(sslContext(tlsRegistry, name)));
        this.entraHttp = new JdkHttpClientBuilder(jdk).responseTimeout(settings.timeout()).build();
        // Graph's own middleware (retries on 429/503/504 honouring Retry-After, redirects), bounded as a whole.
        this.graphHttp = GraphClientFactory.create(GraphServiceClient.getGraphClientOptions())
                .callTimeout(settings.timeout())
                .build();
    }

    /** The Graph client of the tenant; a request may name its own URL on Graph's host (e.g. the beta endpoint). */
    public GraphServiceClient forTenant(String tenantId) {
        return byTenant.computeIfAbsent(tenantId, this::create);
    }

    private GraphServiceClient create(String tenantId) {
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(settings.authorityHost().toString())
                .tenantId(tenantId)
                .clientId(settings.clientId().orElseThrow(() -> new IllegalStateException("ehr.graph.client-id is not set")))
                .clientSecret(settings.clientSecret().orElseThrow(() -> new IllegalStateException("ehr.graph.client-secret is not set")))
                // Instance discovery asks Microsoft whether the authority host is one of its clouds. The host is our own
                // setting, not input, and the check would refuse private clouds and the test stand-in.
                .disableInstanceDiscovery()
                .httpClient(entraHttp)
                .build();
        String[] tokenOnlyFor = {settings.baseUrl().getHost()};
        GraphServiceClient graph = new GraphServiceClient(
                new AzureIdentityAuthenticationProvider(new CachedTokenCredential(credential), tokenOnlyFor, GRAPH_SCOPE),
                graphHttp);
        graph.getRequestAdapter().setBaseUrl(withoutTrailingSlash(settings.baseUrl().toString()));
        return graph;
    }

    private static SSLContext sslContext(TlsConfigurationRegistry registry, String name) {
        TlsConfiguration tls = registry.get(name).orElseThrow(() -> new IllegalStateException(
                "ehr.graph.authority-tls-configuration-name is " + name + ", but quarkus.tls." + name + " is not configured"));
        try {
            return tls.createSSLContext();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the TLS context of quarkus.tls." + name, e);
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
