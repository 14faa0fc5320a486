package io.ehrconnector.hl7ingest.routing;

import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrCertificate;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationChanged;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The approved configurations, from the view this service keeps of them (known_configuration), kept in memory: every frame
 * needs them and they change rarely (tens of rows). Re-read when this replica stores a change, and at least every
 * {@link #FRESHNESS} (a change another replica stored): an approval withdrawn, or an EHR certificate removed, stops messages
 * within that time.
 */
@ApplicationScoped
public class ApprovedConfigurations {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    /** The approved configurations at one moment. */
    public record View(Map<String, ConfigurationSnapshot> byId) {

        public Optional<ConfigurationSnapshot> byId(String configurationId) {
            return Optional.ofNullable(byId.get(configurationId));
        }

        /** Those that pin the certificate with this fingerprint and for which it is valid at {@code now}. */
        public List<ConfigurationSnapshot> pinning(String fingerprintSha256, Optional<Environment> environment, Instant now) {
            return byId.values().stream()
                    .filter(c -> environment.isEmpty() || environment.get() == c.environment())
                    .filter(c -> c.ehrCertificates().stream()
                            .anyMatch(e -> e.fingerprintSha256().equals(fingerprintSha256) && e.validAt(now)))
                    .toList();
        }

        /** The pinned certificate with this fingerprint, as uploaded (whatever its validity); empty when none pins it. */
        public Optional<EhrCertificate> certificate(String fingerprintSha256, Optional<Environment> environment) {
            return byId.values().stream()
                    .filter(c -> environment.isEmpty() || environment.get() == c.environment())
                    .flatMap(c -> c.ehrCertificates().stream())
                    .filter(e -> e.fingerprintSha256().equals(fingerprintSha256)).findFirst();
        }
    }

    private record Loaded(View view, long atNanos) {
    }

    private final KnownConfigurationRepository configurations;
    /** Counts changes seen, so a load that began before a change does not put its stale view back. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded loaded;

    ApprovedConfigurations(KnownConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    public Uni<View> current() {
        Loaded last = loaded;
        if (last != null && System.nanoTime() - last.atNanos() < FRESHNESS.toNanos()) {
            return Uni.createFrom().item(last.view());
        }
        long loading = generation.get();
        return Panache.withSession(() -> configurations.list("status", ConfigurationSnapshot.Status.APPROVED))
                .map(rows -> new View(rows.stream().map(ApprovedConfigurations::snapshot)
                        .collect(Collectors.toUnmodifiableMap(ConfigurationSnapshot::configurationId, Function.identity()))))
                .invoke(view -> {
                    if (generation.get() == loading) {
                        loaded = new Loaded(view, System.nanoTime());
                    }
                });
    }

    void changed(@Observes KnownConfigurationChanged changed) {
        generation.incrementAndGet();
        loaded = null;
    }

    private static ConfigurationSnapshot snapshot(KnownConfiguration known) {
        try {
            return CloudEventCodec.mapper().readValue(known.snapshotJson, ConfigurationSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored snapshot of " + known.configurationId + " does not read", e);
        }
    }
}
