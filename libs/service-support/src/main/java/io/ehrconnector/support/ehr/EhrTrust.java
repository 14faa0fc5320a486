package io.ehrconnector.support.ehr;

import io.vertx.core.net.TrustOptions;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The trust for HTTPS calls to EHR FHIR servers: the JVM's public CAs plus, when {@code ehr.fhir.trust-store.path} is
 * set, the certificates of that store. A server is trusted if either accepts its chain; host names are checked as usual.
 * Shared by every Vert.x client that calls an EHR (the probe, the SMART authorization flow).
 */
public final class EhrTrust {

    private EhrTrust() {
    }

    /** Vert.x trust options for {@code config}; empty when no trust store is configured (the JVM's defaults apply). */
    public static Optional<TrustOptions> trustOptions(EhrTrustStore config) {
        Optional<String> path = config.path().filter(p -> !p.isBlank());
        if (path.isEmpty()) {
            return Optional.empty();
        }
        X509ExtendedTrustManager configured = trustManager(load(Path.of(path.get()), config.type(),
                config.password().orElse("")));
        X509ExtendedTrustManager defaults = trustManager(null);
        return Optional.of(TrustOptions.wrap(new EitherTrustManager(defaults, configured)));
    }

    private static KeyStore load(Path file, String type, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EHR trust store (ehr.fhir.trust-store.path): " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the EHR trust store " + file + " as " + type
                    + " (check ehr.fhir.trust-store.type and password)", e);
        }
    }

    /** The PKIX trust manager for {@code store}, or for the JVM's default CAs when null. */
    private static X509ExtendedTrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no X509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager", e);
        }
    }

    /** Trusts what the first trusts, else what the second trusts; each check includes the host name check. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @FunctionalInterface
        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException firstFailure) {
                try {
                    check.run(second);
                } catch (CertificateException secondFailure) {
                    secondFailure.addSuppressed(firstFailure);
                    throw secondFailure;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(Arrays.stream(first.getAcceptedIssuers()), Arrays.stream(second.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
