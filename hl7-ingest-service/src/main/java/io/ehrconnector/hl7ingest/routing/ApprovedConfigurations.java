package io.ehrconnector.hl7ingest.routing;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationChanged;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configurations this service knows (known_configuration, every status), kept in memory: every frame needs them and
 * they change rarely (tens of rows). Re-read when this replica stores a change, and at least every {@link #FRESHNESS} (a
 * change another replica stored): an approval withdrawn, or an EHR certificate removed, stops messages within that time.
 * Only approved configurations are served; the others still tell where a certificate is uploaded.
 */
@ApplicationScoped
public class ApprovedConfigurations {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    /** Whether a certificate may authenticate a sender now. */
    public enum PinStatus {
        /** No approved configuration (of the environment asked about) has it uploaded. */
        UNKNOWN,
        /** Uploaded, but outside its validity period. */
        OUTSIDE_VALIDITY,
        SERVING
    }

    /** The configurations at one moment. */
    public record View(Map<String, ConfigurationSnapshot> byId) {

        /** The configuration while it is approved. */
        public Optional<ConfigurationSnapshot> approved(String configurationId) {
            return Optional.ofNullable(byId.get(configurationId)).filter(ConfigurationSnapshot::isApproved);
        }

        /** The approved configurations that pin the certificate with this fingerprint and for which it is valid at {@code now}. */
        public List<ConfigurationSnapshot> serving(String fingerprintSha256, Optional<Environment> environment, Instant now) {
            return approvedPinning(fingerprintSha256, environment)
                    .filter(c -> c.ehrCertificates().stream()
                            .anyMatch(e -> e.fingerprintSha256().equals(fingerprintSha256) && e.validAt(now)))
                    .toList();
        }

        public PinStatus pinStatus(String fingerprintSha256, Optional<Environment> environment, Instant now) {
            if (!serving(fingerprintSha256, environment, now).isEmpty()) {
                return PinStatus.SERVING;
            }
            return certificate(fingerprintSha256, environment).isPresent() ? PinStatus.OUTSIDE_VALIDITY : PinStatus.UNKNOWN;
        }

        /** The certificate with this fingerprint as an approved configuration pins it (whatever its validity). */
        public Optional<EhrCertificate> certificate(String fingerprintSha256, Optional<Environment> environment) {
            return approvedPinning(fingerprintSha256, environment)
                    .flatMap(c -> c.ehrCertificates().stream())
                    .filter(e -> e.fingerprintSha256().equals(fingerprintSha256)).findFirst();
        }

        /** The environments where the certificate is uploaded, for configurations in any state (approved or not). */
        public Set<Environment> environmentsUploading(String fingerprintSha256) {
            return byId.values().stream()
                    .filter(c -> c.ehrCertificates().stream().anyMatch(e -> e.fingerprintSha256().equals(fingerprintSha256)))
                    .map(ConfigurationSnapshot::environment)
                    .collect(Collectors.toUnmodifiableSet());
        }

        private java.util.stream.Stream<ConfigurationSnapshot> approvedPinning(String fingerprintSha256,
                                                                              Optional<Environment> environment) {
            return byId.values().stream()
                    .filter(ConfigurationSnapshot::isApproved)
                    .filter(c -> environment.isEmpty() || environment.get() == c.environment())
                    .filter(c -> c.ehrCertificates().stream().anyMatch(e -> e.fingerprintSha256().equals(fingerprintSha256)));
        }
    }

    private record Loaded(View view, long atNanos) {
    }

    private final KnownConfigurationRepository configurations;
    /** Counts changes seen, so a load that began before a change does not put its stale view back. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded loaded;
    /** The load under way, shared by the frames that find the view stale at the same time. */
    private volatile Uni<View> loading;

    ApprovedConfigurations(KnownConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    public Uni<View> current() {
        Loaded last = loaded;
        if (last != null && System.nanoTime() - last.atNanos() < FRESHNESS.toNanos()) {
            return Uni.createFrom().item(last.view());
        }
        Uni<View> underWay = loading;
        if (underWay != null) {
            return underWay;
        }
        long loadingGeneration = generation.get();
        Uni<View> load = Panache.withSession(() -> configurations.listAll())
                .map(rows -> new View(rows.stream().map(ApprovedConfigurations::snapshot).filter(Objects::nonNull)
                        .collect(Collectors.toUnmodifiableMap(ConfigurationSnapshot::configurationId, Function.identity()))))
                .invoke(view -> {
                    if (generation.get() == loadingGeneration) {
                        loaded = new Loaded(view, System.nanoTime());
                    }
                })
                .onTermination().invoke(() -> loading = null)
                .memoize().indefinitely();
        loading = load;
        return load;
    }

    void changed(@Observes KnownConfigurationChanged changed) {
        generation.incrementAndGet();
        loaded = null;
    }

    /** The stored snapshot; null (and a warning) for one that does not read, so the others still serve. */
    private static ConfigurationSnapshot snapshot(KnownConfiguration known) {
        try {
            return known.snapshot();
        } catch (RuntimeException e) {
            Log.warnf("stored snapshot of configuration %s does not read (%s); it serves no HL7 messages",
                    known.configurationId, e.getClass().getName());
            return null;
        }
    }
}
