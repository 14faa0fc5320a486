package io.ehrconnector.support.configuration;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.inbox.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Keeps {@link KnownConfiguration} in step with the configurations topic. Idempotent (event id ledger) and order-proof: a
 * snapshot older than the one kept (lower version) is ignored, also when two deliveries race, so a replay of the compacted
 * topic changes nothing.
 */
@ApplicationScoped
public class ConfigurationProjection {

    static final String CONSUMER = "configuration-projection";

    private final KnownConfigurationRepository configurations;
    private final ProcessedEventRepository processedEvents;
    private final Event<KnownConfigurationChanged> changes;

    ConfigurationProjection(KnownConfigurationRepository configurations, ProcessedEventRepository processedEvents,
                            Event<KnownConfigurationChanged> changes) {
        this.configurations = configurations;
        this.processedEvents = processedEvents;
        this.changes = changes;
    }

    /** Applies one record of the configurations topic; a malformed record fails with the reason (to be dead-lettered). */
    public Uni<Void> apply(String recordValue) {
        CloudEvent<ConfigurationSnapshot> event = CloudEventCodec.fromJson(recordValue, EventType.CONFIGURATION_PUBLISHED,
                ConfigurationSnapshot.class);
        return Panache.withTransaction(() -> processedEvents.firstDelivery(CONSUMER, event.id())
                        .flatMap(first -> first ? store(event.data()) : Uni.createFrom().item(false)))
                .invoke(stored -> {
                    if (stored) {
                        changes.fire(new KnownConfigurationChanged(event.data().configurationId()));
                    }
                })
                .replaceWithVoid();
    }

    /** True when the snapshot replaced what was kept. */
    private Uni<Boolean> store(ConfigurationSnapshot snapshot) {
        KnownConfiguration row = new KnownConfiguration();
        row.configurationId = snapshot.configurationId();
        row.tenantId = snapshot.tenantId();
        row.environment = snapshot.environment();
        row.fhirBaseUrl = snapshot.fhirBaseUrl();
        row.status = snapshot.status();
        row.version = snapshot.version();
        row.snapshotJson = CloudEventCodec.mapper().valueToTree(snapshot).toString();
        row.updatedAt = snapshot.updatedAt();
        return configurations.storeIfNewer(row).invoke(stored -> {
            if (!stored) {
                Log.debugf("configuration %s version %d ignored: a newer version is kept", snapshot.configurationId(),
                        snapshot.version());
            }
        });
    }
}
