package io.ehrconnector.hl7ingest.intake;

import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which configuration a message belongs to, from the view of the configurations this service keeps (known_configuration),
 * remembered for {@link #FRESHNESS}: every message needs it, and it changes rarely. An approval withdrawn (disabled, edited)
 * therefore stops messages within that time.
 */
@ApplicationScoped
public class Routes {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private record Cached(Optional<ConfigurationSnapshot> approved, long loadedAtNanos) {
    }

    private final KnownConfigurationRepository configurations;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    Routes(KnownConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    /** The configuration's snapshot while it is approved; empty when it is unknown, pending or disabled. */
    public Uni<Optional<ConfigurationSnapshot>> approved(String configurationId) {
        Cached cached = cache.get(configurationId);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < FRESHNESS.toNanos()) {
            return Uni.createFrom().item(cached.approved());
        }
        return Panache.withSession(() -> configurations.findById(configurationId))
                .map(known -> Optional.ofNullable(known)
                        .filter(k -> k.status == ConfigurationSnapshot.Status.APPROVED)
                        .map(Routes::snapshot))
                .invoke(approved -> cache.put(configurationId, new Cached(approved, System.nanoTime())));
    }

    private static ConfigurationSnapshot snapshot(KnownConfiguration known) {
        try {
            return CloudEventCodec.mapper().readValue(known.snapshotJson, ConfigurationSnapshot.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored snapshot of " + known.configurationId + " does not read", e);
        }
    }
}
