package io.ehrconnector.config.keys;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.EventType;
import io.ehrconnector.support.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Announces an environment's key ring ({@link ConnectorKeyRing}: the keys of its JWK Set, private keys as sealed in
 * {@code connector_key}) on {@link io.ehrconnector.events.Topics#CONNECTOR_KEYS}, keyed by the environment's name, through the
 * transactional outbox: launch-service signs with the ACTIVE key of the ring it holds.
 */
@ApplicationScoped
class KeyRingPublisher {

    private static final URI SOURCE = CloudEvent.serviceSource("config-service");

    private final ConnectorKeyRepository keys;
    private final Outbox outbox;

    KeyRingPublisher(ConnectorKeyRepository keys, Outbox outbox) {
        this.keys = keys;
        this.outbox = outbox;
    }

    /**
     * Enqueues the environment's ring as the current transaction leaves it, with a new version; nothing while the
     * environment has no key. Call in the transaction that changed the keys, after
     * {@link ConnectorKeyRepository#lockEnvironment}: the lock orders both the versions and the outbox rows of an
     * environment by its changes.
     */
    Uni<Void> enqueue(Environment environment) {
        return keys.listPublishedAfterChanges(environment).flatMap(published -> published.isEmpty()
                ? Uni.createFrom().voidItem()
                : keys.nextRingVersion(environment).flatMap(version -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    ConnectorKeyRing ring = new ConnectorKeyRing(environment, version,
                            published.stream().map(KeyRingPublisher::ringKey).toList(), now);
                    return outbox.enqueue(CloudEvent.of(EventType.CONNECTOR_KEYS_PUBLISHED, SOURCE, environment.name(), now,
                            ring), environment.name());
                }));
    }

    private static ConnectorKeyRing.Key ringKey(ConnectorKey key) {
        return new ConnectorKeyRing.Key(key.kid, key.algorithm.jws().getName(), ringStatus(key.status), key.publicJwk,
                Base64.getEncoder().encodeToString(key.privateKeyEncrypted));
    }

    private static ConnectorKeyRing.Key.Status ringStatus(KeyStatus status) {
        return switch (status) {
            case ACTIVE -> ConnectorKeyRing.Key.Status.ACTIVE;
            case NEXT -> ConnectorKeyRing.Key.Status.NEXT;
            case PREVIOUS -> ConnectorKeyRing.Key.Status.PREVIOUS;
            case RETIRED -> throw new IllegalArgumentException("a retired key is not published");
        };
    }
}
