package io.ehrconnector.testing.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.function.Predicate;

import static java.net.URLEncoder.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link GraphResource} as Quarkus drives it, alone and beside {@link EntraIdResource}. */
class GraphResourceTest {

    /** What a test class declares to receive the stand-ins. */
    static final class TestFields {
        @InjectStandIn
        EntraIdStandIn entra;
        @InjectStandIn
        GraphStandIn graph;
    }

    @Test
    void theSettingsGetTheConnectorAGraphTokenFromTheTenantThatGraphAccepts() throws Exception {
        GraphResource resource = new GraphResource();
        Map<String, String> settings = resource.start();
        try {
            String tls = "quarkus.tls." + GraphResource.TLS_CONFIGURATION + ".trust-store.p12.";
            assertEquals(GraphResource.TLS_CONFIGURATION, settings.get("ehr.graph.authority-tls-configuration-name"));
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(trusting(Path.of(settings.get(tls + "path")), settings.get(tls + "password"))).build();

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(settings.get("ehr.graph.authority-host")
                            + "/" + EntraDirectory.CONTOSO.id() + "/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                            + encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8)
                            + "&client_id=" + encode(settings.get("ehr.graph.client-id"), StandardCharsets.UTF_8)
                            + "&client_secret=" + encode(settings.get("ehr.graph.client-secret"), StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            String accessToken = new ObjectMapper().readTree(token.body()).get("access_token").asText();

            assertEquals(EntraDirectory.CONTOSO.id() + ":" + GraphResource.CONTOSO_ORGANIZER + ","
                    + EntraDirectory.FABRIKAM.id() + ":" + GraphResource.FABRIKAM_ORGANIZER, settings.get("ehr.graph.organizers"));
            for (String organizer : new String[] {GraphResource.CONTOSO_ORGANIZER, GraphResource.FABRIKAM_ORGANIZER}) {
                HttpResponse<String> user = http.send(HttpRequest.newBuilder(
                                URI.create(settings.get("ehr.graph.base-url") + "/users/" + organizer))
                        .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, user.statusCode(), user.body());
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void withEntraIdResourceBothUseOneEntraThatStopsWithTheLast() throws Exception {
        EntraIdResource entraResource = new EntraIdResource();
        GraphResource graphResource = new GraphResource();
        Map<String, String> entraSettings = entraResource.start();
        Map<String, String> graphSettings = graphResource.start();
        TestFields fromEntra = injected(entraResource);
        TestFields fromGraph = injected(graphResource);

        assertSame(fromEntra.entra, fromGraph.entra);
        assertEquals(entraSettings.get("ehr.entra.authority"), fromGraph.entra.baseUrl());
        assertEquals(graphSettings.get("ehr.graph.authority-host"), fromGraph.entra.httpsBaseUrl());
        assertEquals(graphSettings.get("ehr.graph.base-url"), fromGraph.graph.graphBaseUrl());

        graphResource.stop();
        assertEquals(200, get(entraSettings.get("ehr.entra.authority") + "/").statusCode());
        entraResource.stop();
        assertThrows(ConnectException.class, () -> get(entraSettings.get("ehr.entra.authority") + "/"));
    }

    private static TestFields injected(QuarkusTestResourceLifecycleManager resource) {
        TestFields fields = new TestFields();
        resource.inject(new QuarkusTestResourceLifecycleManager.TestInjector() {
            @Override
            public void injectIntoFields(Object value, Predicate<Field> predicate) {
                for (Field field : TestFields.class.getDeclaredFields()) {
                    if (predicate.test(field)) {
                        try {
                            field.set(fields, value);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
        });
        return fields;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path store, String password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
