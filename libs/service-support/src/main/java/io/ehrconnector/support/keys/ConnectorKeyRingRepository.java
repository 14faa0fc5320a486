package io.ehrconnector.support.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.support.NativeSql;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The stored key rings, one per environment ({@code connector_key_ring}). Needs the caller's reactive session. */
@ApplicationScoped
@IfBuildProperty(name = ClientAssertionSigner.ENABLED, stringValue = "true")
class ConnectorKeyRingRepository {

    /**
     * Stores {@code ring} unless a version at least as new is kept, in one statement, so two deliveries racing each other (a
     * consumer rebalance) cannot leave the older one in place. Returns true when it was stored.
     */
    Uni<Boolean> storeIfNewer(ConnectorKeyRing ring) {
        return NativeSql.update("insert into connector_key_ring (environment, version, ring_json, updated_at)"
                        + " values (?1, ?2, ?3, ?4)"
                        + " on conflict (environment) do update set version = excluded.version,"
                        + " ring_json = excluded.ring_json, updated_at = excluded.updated_at"
                        + " where connector_key_ring.version < excluded.version",
                        ring.environment().name(), ring.version(), json(ring), ring.updatedAt())
                .map(stored -> stored == 1);
    }

    /** The newest ring of {@code environment} this service received, if any. */
    Uni<Optional<ConnectorKeyRing>> find(Environment environment) {
        return NativeSql.list("select ring_json from connector_key_ring where environment = ?1", String.class,
                        environment.name())
                .map(rows -> rows.stream().findFirst().map(ConnectorKeyRingRepository::ring));
    }

    private static String json(ConnectorKeyRing ring) {
        return CloudEventCodec.mapper().valueToTree(ring).toString();
    }

    private static ConnectorKeyRing ring(String json) {
        try {
            return CloudEventCodec.mapper().readValue(json, ConnectorKeyRing.class);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the stored JSON: only the class goes on.
            throw new IllegalStateException("a stored connector key ring does not parse (" + e.getClass().getName() + ")");
        }
    }
}
