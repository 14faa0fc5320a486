package io.ehrconnector.config.client;

import io.ehrconnector.testing.standins.SelfSignedTls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link FhirClientConfig} for plain unit tests, with the defaults of the real mapping unless changed. */
record TestProbeConfig(Optional<String> trustStorePath, Optional<String> trustStorePassword, String trustStoreType,
                       Duration connectTimeout, Duration idleTimeout, Duration totalTimeout, int maxResponseBytes,
                       int maxRedirects, List<String> allowedTokenHosts) implements FhirClientConfig {

    /** Defaults, trusting {@code tls}'s certificate (null: the JVM's CAs only). */
    static TestProbeConfig trusting(SelfSignedTls tls) {
        return new TestProbeConfig(Optional.ofNullable(tls).map(t -> t.trustStore().toString()),
                Optional.ofNullable(tls).map(SelfSignedTls::password), "PKCS12",
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 4 * 1024 * 1024, 3, List.of());
    }

    TestProbeConfig idleTimeout(Duration idle) {
        return new TestProbeConfig(trustStorePath, trustStorePassword, trustStoreType, connectTimeout, idle, totalTimeout,
                maxResponseBytes, maxRedirects, allowedTokenHosts);
    }

    TestProbeConfig totalTimeout(Duration total) {
        return new TestProbeConfig(trustStorePath, trustStorePassword, trustStoreType, connectTimeout, idleTimeout, total,
                maxResponseBytes, maxRedirects, allowedTokenHosts);
    }

    TestProbeConfig maxResponseBytes(int bytes) {
        return new TestProbeConfig(trustStorePath, trustStorePassword, trustStoreType, connectTimeout, idleTimeout,
                totalTimeout, bytes, maxRedirects, allowedTokenHosts);
    }

    TestProbeConfig allowingTokenHosts(String... hosts) {
        return new TestProbeConfig(trustStorePath, trustStorePassword, trustStoreType, connectTimeout, idleTimeout,
                totalTimeout, maxResponseBytes, maxRedirects, List.of(hosts));
    }

    @Override
    public Optional<List<String>> tokenEndpointHosts() {
        return Optional.of(allowedTokenHosts);
    }

    @Override
    public TrustStore trustStore() {
        return new TrustStore() {
            @Override
            public Optional<String> path() {
                return trustStorePath;
            }

            @Override
            public Optional<String> password() {
                return trustStorePassword;
            }

            @Override
            public String type() {
                return trustStoreType;
            }
        };
    }

    @Override
    public Probe probe() {
        return new Probe() {
            @Override
            public Duration connectTimeout() {
                return connectTimeout;
            }

            @Override
            public Duration idleTimeout() {
                return idleTimeout;
            }

            @Override
            public Duration totalTimeout() {
                return totalTimeout;
            }

            @Override
            public int maxResponseBytes() {
                return maxResponseBytes;
            }

            @Override
            public int maxRedirects() {
                return maxRedirects;
            }
        };
    }
}
