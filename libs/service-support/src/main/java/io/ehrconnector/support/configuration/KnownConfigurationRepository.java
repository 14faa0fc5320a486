package io.ehrconnector.support.configuration;

import io.ehrconnector.support.NativeSql;
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
        return NativeSql.update("insert into known_configuration (configuration_id, tenant_id, environment, fhir_base_url,"
                + " status, version, snapshot_json, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                + " on conflict (configuration_id) do update set tenant_id = excluded.tenant_id,"
                + " environment = excluded.environment, fhir_base_url = excluded.fhir_base_url,"
                + " status = excluded.status, version = excluded.version, snapshot_json = excluded.snapshot_json,"
                + " updated_at = excluded.updated_at where known_configuration.version < excluded.version",
                row.configurationId, row.tenantId, row.environment.name(), row.fhirBaseUrl, row.status.name(), row.version,
                row.snapshotJson, row.updatedAt)
                .map(stored -> stored == 1);
    }

    /** The configuration whose FHIR base URL is exactly {@code fhirBaseUrl} (config-service keeps them unique), or null. */
    public Uni<KnownConfiguration> findByFhirBaseUrl(String fhirBaseUrl) {
        return find("fhirBaseUrl", fhirBaseUrl).firstResult();
    }
}
