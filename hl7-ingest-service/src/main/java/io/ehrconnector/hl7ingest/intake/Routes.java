package io.ehrconnector.hl7ingest.intake;

import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Which configuration a message belongs to, from the view of the configurations this service keeps (known_configuration). */
@ApplicationScoped
public class Routes {

    private final KnownConfigurationRepository configurations;

    Routes(KnownConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    /** The configuration's snapshot while it is approved; empty when it is unknown, pending or disabled. */
    public Uni<Optional<ConfigurationSnapshot>> approved(String configurationId) {
        return Panache.withSession(() -> configurations.findById(configurationId))
                .map(known -> Optional.ofNullable(known)
                        .filter(k -> k.status == ConfigurationSnapshot.Status.APPROVED)
                        .map(Routes::snapshot));
    }

    private static ConfigurationSnapshot snapshot(KnownConfiguration known) {
        try {
            return CloudEventCodec.mapper().readValue(known.snapshotJson, ConfigurationSnapshot.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored snapshot of " + known.configurationId + " does not read", e);
        }
    }
}
