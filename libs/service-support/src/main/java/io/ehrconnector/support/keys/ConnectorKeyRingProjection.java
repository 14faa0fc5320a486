package io.ehrconnector.support.keys;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.inbox.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Keeps {@code connector_key_ring} in step with the connector-keys topic: the newest ring per environment, private keys still
 * sealed. Idempotent (event id ledger) and order-proof: a ring not newer than the one kept is ignored, also when two
 * deliveries race, so replaying the compacted topic changes nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = ClientAssertionSigner.ENABLED, stringValue = "true")
public class ConnectorKeyRingProjection {

    public static final String CONSUMER = "connector-key-ring-projection";

    private final ConnectorKeyRingRepository rings;
    private final ProcessedEventRepository processedEvents;
    private final Event<ConnectorKeyRingChanged> changes;

    ConnectorKeyRingProjection(ConnectorKeyRingRepository rings, ProcessedEventRepository processedEvents,
                               Event<ConnectorKeyRingChanged> changes) {
        this.rings = rings;
        this.processedEvents = processedEvents;
        this.changes = changes;
    }

    /** Applies one record of the topic; a malformed record fails with the reason (to be dead-lettered). */
    Uni<Void> apply(String recordValue) {
        CloudEvent<ConnectorKeyRing> event = CloudEventCodec.fromJson(recordValue, EventType.CONNECTOR_KEYS_PUBLISHED,
                ConnectorKeyRing.class);
        ConnectorKeyRing ring = event.data();
        return Panache.withTransaction(() -> processedEvents.firstDelivery(CONSUMER, event.id())
                        .flatMap(first -> first ? rings.storeIfNewer(ring) : Uni.createFrom().item(false)))
                .invoke(stored -> {
                    if (stored) {
                        Log.infof("connector key ring of %s version %d stored; signing key %s", ring.environment(),
                                ring.version(), ring.activeKey().map(ConnectorKeyRing.Key::kid).orElse("none"));
                        changes.fire(new ConnectorKeyRingChanged(ring.environment()));
                    } else {
                        Log.debugf("connector key ring of %s version %d ignored: not newer than the one kept",
                                ring.environment(), ring.version());
                    }
                })
                .replaceWithVoid();
    }
}
