package io.ehrconnector.testing.standins;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EHR stand-in over HTTPS: what a client trusting it gets, and that a client without that trust gets nothing. */
class EhrStandInTlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EhrStandIn ehr;

    @BeforeAll
    static void start() {
        ehr = new EhrStandIn(0).tls(true).start();
    }

    @AfterAll
    static void stop() {
        ehr.stop();
    }

    @Test
    void everyUrlItPublishesIsHttps() {
        assertTrue(ehr.baseUrl().startsWith("https://127.0.0.1:"), ehr.baseUrl());
        assertEquals(ehr.baseUrl() + "/api/FHIR/R4", ehr.fhirBaseUrl());
        assertTrue(ehr.authorizeEndpoint().startsWith("https://"));
        assertTrue(ehr.tokenEndpoint().startsWith("https://"));
        assertTrue(ehr.jwksUri().startsWith("https://"));
    }

    @Test
    void aClientTrustingTheStandInCompletesDiscoveryAndMetadata() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(ehr.sslContext()).build();
        HttpResponse<String> discovery = get(trusting, ehr.fhirBaseUrl() + "/.well-known/smart-configuration");
        assertEquals(200, discovery.statusCode());
        JsonNode config = JSON.readTree(discovery.body());
        assertEquals(ehr.authorizeEndpoint(), config.get("authorization_endpoint").asText());
        assertEquals(ehr.tokenEndpoint(), config.get("token_endpoint").asText());

        HttpResponse<String> metadata = get(trusting, ehr.fhirBaseUrl() + "/metadata");
        assertEquals(200, metadata.statusCode());
        CapabilityStatement statement = FhirContext.forR4Cached().newJsonParser()
                .parseResource(CapabilityStatement.class, metadata.body());
        assertEquals("4.0.1", statement.getFhirVersion().toCode());
        assertEquals(ehr.fhirBaseUrl(), statement.getImplementation().getUrl());
    }

    @Test
    void theTrustStoreFileIsWhatAClientConfiguredByFileNeeds() throws Exception {
        KeyStore store = KeyStore.getInstance(ehr.trustStoreType());
        try (InputStream in = Files.newInputStream(ehr.trustStorePath())) {
            store.load(in, ehr.trustStorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient fromFile = HttpClient.newBuilder().sslContext(context).build();
        assertEquals(200, get(fromFile, ehr.fhirBaseUrl() + "/metadata").statusCode());
    }

    @Test
    void theCertificateIsValidForLocalhostAsWellAs127001() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(ehr.sslContext()).build();
        String viaLocalhost = ehr.fhirBaseUrl().replace("127.0.0.1", "localhost");
        assertEquals(200, get(trusting, viaLocalhost + "/.well-known/smart-configuration").statusCode());

        KeyStore store = KeyStore.getInstance(ehr.trustStoreType());
        try (InputStream in = Files.newInputStream(ehr.trustStorePath())) {
            store.load(in, ehr.trustStorePassword().toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
        assertTrue(names.containsAll(List.of("127.0.0.1", "localhost")), names.toString());
    }

    @Test
    void aClientWithoutTheTrustIsRefused() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        Exception failure = assertThrows(Exception.class,
                () -> get(defaultTrust, ehr.fhirBaseUrl() + "/.well-known/smart-configuration"));
        assertInstanceOf(SSLHandshakeException.class, failure, failure.toString());
    }

    @Test
    void plainHttpIsNotServedOnTheTlsPort() {
        String plain = ehr.fhirBaseUrl().replace("https://", "http://") + "/metadata";
        assertThrows(Exception.class, () -> get(HttpClient.newHttpClient(), plain));
    }

    @Test
    void trustAccessorsRefuseAPlainHttpStandIn() {
        try (EhrStandIn plain = new EhrStandIn(0).start()) {
            assertTrue(plain.baseUrl().startsWith("http://"));
            assertThrows(IllegalStateException.class, plain::trustStorePath);
            assertThrows(IllegalStateException.class, plain::sslContext);
            assertThrows(IllegalStateException.class, () -> plain.tls(true));
        }
    }

    @Test
    void stoppingRemovesTheStores() {
        EhrStandIn once = new EhrStandIn(0).tls(true).start();
        java.nio.file.Path store = once.trustStorePath();
        assertTrue(Files.exists(store));
        once.stop();
        assertFalse(Files.exists(store));
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
