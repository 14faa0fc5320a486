package io.ehrconnector.support.acs;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The JDK HTTP client settings for an {@link AcsConnection}: connect timeout and, when a trust store is configured, an
 * SSLContext trusting only its certificates. Pure JDK, so that this library needs no Azure SDK: a service wraps the builder
 * in azure-core-http-jdk-httpclient's {@code JdkHttpClientBuilder}.
 */
public final class AcsHttp {

    private AcsHttp() {
    }

    /** True when both the endpoint and the access key are set (not blank). */
    public static boolean configured(AcsConnection connection) {
        return connection.endpoint().filter(e -> !e.isBlank()).isPresent()
                && connection.accessKey().filter(k -> !k.isBlank()).isPresent();
    }

    /** The endpoint's host, for messages and logs (never the key). */
    public static String endpointHost(AcsConnection connection) {
        return connection.endpoint().filter(e -> !e.isBlank()).map(e -> URI.create(e.strip()).getHost())
                .orElse("(not configured)");
    }

    /** A JDK HTTP client builder with the connection's connect timeout and trust. */
    public static HttpClient.Builder jdkClient(AcsConnection connection) {
        HttpClient.Builder jdk = HttpClient.newBuilder().connectTimeout(connection.httpTimeout());
        connection.trustStore().path().filter(p -> !p.isBlank()).ifPresent(path ->
                jdk.sslContext(trusting(Path.of(path), connection.trustStore().password().orElse(""))));
        return jdk;
    }

    /** An SSLContext trusting the certificates of a PKCS12 store (instead of the public CAs: for tests' stand-ins). */
    static SSLContext trusting(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the ACS trust store (ehr.acs.trust-store.path): " + file, e);
        }
    }
}
