package io.ehrconnector.launch.devicetest;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a device-test address ({@code /device-test/<environment>/<configurationId>}) belongs to an approved configuration
 * of that environment. Anything else (unknown, pending, disabled, the other environment) is simply not a device test.
 */
@ApplicationScoped
public class DeviceTestConfigurations {

    /** config-service's configuration ids: lower-case UUIDs. Anything else is not looked up. */
    private static final Pattern CONFIGURATION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final KnownConfigurationRepository configurations;

    DeviceTestConfigurations(KnownConfigurationRepository configurations) {
        this.configurations = configurations;
    }

    @WithSession
    public Uni<Boolean> isApproved(String environmentSegment, String configurationId) {
        Optional<Environment> environment = EnvironmentPaths.parse(environmentSegment);
        if (environment.isEmpty() || !CONFIGURATION_ID.matcher(configurationId).matches()) {
            return Uni.createFrom().item(false);
        }
        return configurations.findById(configurationId).map(known -> {
            if (known == null) {
                return false;
            }
            ConfigurationSnapshot snapshot = known.snapshot();
            return snapshot.isApproved() && snapshot.environment() == environment.get();
        });
    }
}
