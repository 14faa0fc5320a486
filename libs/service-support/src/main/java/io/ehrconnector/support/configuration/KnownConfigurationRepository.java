package io.ehrconnector.support.configuration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KnownConfigurationRepository implements PanacheRepositoryBase<KnownConfiguration, String> {

    /**
     * Stores {@code row} unless a version at least as new is already kept, in one statement, so two deliveries of different
     * versions racing each other (a consumer rebalance) cannot leave the older one in place. Returns true when it was stored.
     */
    public Uni<Boolean> storeIfNewer(KnownConfiguration row) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into known_configuration (configuration_id, tenant_id, environment, fhir_base_url,"
                        + " status, version, snapshot_json, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                        + " on conflict (configuration_id) do update set tenant_id = excluded.tenant_id,"
                        + " environment = excluded.environment, fhir_base_url = excluded.fhir_base_url,"
                        + " status = excluded.status, version = excluded.version, snapshot_json = excluded.snapshot_json,"
                        + " updated_at = excluded.updated_at where known_configuration.version < excluded.version")
                .setParameter(1, row.configurationId)
                .setParameter(2, row.tenantId)
                .setParameter(3, row.environment.name())
                .setParameter(4, row.fhirBaseUrl)
                .setParameter(5, row.status.name())
                .setParameter(6, row.version)
                .setParameter(7, row.snapshotJson)
                .setParameter(8, row.updatedAt)
                .executeUpdate())
                .map(stored -> stored == 1);
    }
}
