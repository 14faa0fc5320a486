package io.ehrconnector.config.client;

import io.ehrconnector.support.ehr.EhrTrust;
import io.ehrconnector.testing.standins.SelfSignedTls;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured trust store adds to the JVM's public CAs instead of replacing them. */
class EhrTrustTest {

    @Test
    void noTrustStoreMeansTheJvmDefaults() {
        assertTrue(EhrTrust.trustOptions(TestProbeConfig.trusting(null).trustStore()).isEmpty());
        TestProbeConfig blank = new TestProbeConfig(Optional.of(" "), Optional.empty(), "PKCS12", null, null, null, 0, 0, List.of());
        assertTrue(EhrTrust.trustOptions(blank.trustStore()).isEmpty());
    }

    @Test
    void theConfiguredCertificateIsTrustedBesideThePublicCas() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SelfSignedTls tls = SelfSignedTls.generate("private-ca")) {
            TrustOptions options = EhrTrust.trustOptions(TestProbeConfig.trusting(tls).trustStore()).orElseThrow();
            X509TrustManager combined = (X509TrustManager) options.getTrustManagerFactory(vertx).getTrustManagers()[0];
            List<String> issuers = Arrays.stream(combined.getAcceptedIssuers())
                    .map(certificate -> certificate.getSubjectX500Principal().getName()).toList();
            assertTrue(issuers.contains(tls.certificate().getSubjectX500Principal().getName()), "the private certificate");

            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            int publicCas = ((X509TrustManager) jvm.getTrustManagers()[0]).getAcceptedIssuers().length;
            assertEquals(publicCas + 1, issuers.size(), "the JVM's CAs are kept");

            combined.checkServerTrusted(new java.security.cert.X509Certificate[] {tls.certificate()}, "ECDHE_ECDSA");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aMissingStoreFailsAtStartWithThePropertyName() {
        TestProbeConfig missing = new TestProbeConfig(Optional.of("/nonexistent/ehr-trust.p12"), Optional.of("x"), "PKCS12",
                null, null, null, 0, 0, List.of());
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> EhrTrust.trustOptions(missing.trustStore()));
        assertTrue(failure.getMessage().contains("ehr.fhir.trust-store.path"), failure.getMessage());
    }
}
