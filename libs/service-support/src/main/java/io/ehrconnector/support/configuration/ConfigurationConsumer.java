package io.ehrconnector.support.configuration;

import io.ehrconnector.events.Topics;
import io.ehrconnector.support.events.ConsumerFailures;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the configurations topic into {@link ConfigurationProjection}. Every service that decides with configurations runs
 * it; config-service, which publishes them, turns it off with {@code ehr.configurations.consumer.enabled=false} in its
 * application.properties (a build-time switch: setting it in the environment of a built service changes nothing).
 */
@ApplicationScoped
@UnlessBuildProperty(name = "ehr.configurations.consumer.enabled", stringValue = "false", enableIfMissing = true)
public class ConfigurationConsumer {

    private final ConfigurationProjection projection;

    ConfigurationConsumer(ConfigurationProjection projection) {
        this.projection = projection;
    }

    @Incoming(Topics.CONFIGURATIONS)
    Uni<Void> consume(String recordValue) {
        return ConsumerFailures.guard(ConfigurationProjection.CONSUMER, () -> projection.apply(recordValue));
    }
}
