package io.ehrconnector.support.keys;

import io.ehrconnector.events.Topics;
import io.ehrconnector.support.events.ConsumerFailures;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the connector-keys topic into {@link ConnectorKeyRingProjection}, under the suite's consumer failure rules. */
@ApplicationScoped
@IfBuildProperty(name = ClientAssertionSigner.ENABLED, stringValue = "true")
class ConnectorKeyRingConsumer {

    private final ConnectorKeyRingProjection projection;

    ConnectorKeyRingConsumer(ConnectorKeyRingProjection projection) {
        this.projection = projection;
    }

    @Incoming(Topics.CONNECTOR_KEYS)
    Uni<Void> consume(String recordValue) {
        return ConsumerFailures.guard(ConnectorKeyRingProjection.CONSUMER, () -> projection.apply(recordValue));
    }
}
