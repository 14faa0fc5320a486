package io.ehrconnector.config.repository;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

/** Configurations, always looked up within a tenant: another tenant's id is simply not found. */
@ApplicationScoped
public class FhirConfigurationRepository implements PanacheRepositoryBase<FhirConfiguration, String> {

    public Uni<List<FhirConfiguration>> listForTenant(String tenantId) {
        return list("tenantId", Sort.by("environment").and("fhirBaseUrl"), tenantId);
    }

    public Uni<FhirConfiguration> findForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    /** Like {@link #findForTenant}, locked for the transaction, so concurrent changes of one configuration queue up. */
    public Uni<FhirConfiguration> lockForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Boolean> urlTaken(String fhirBaseUrl, String exceptId) {
        return count("fhirBaseUrl = ?1 and id <> ?2", fhirBaseUrl, exceptId == null ? "" : exceptId).map(n -> n > 0);
    }
}
