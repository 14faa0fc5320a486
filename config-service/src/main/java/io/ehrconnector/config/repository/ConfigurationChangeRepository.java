package io.ehrconnector.config.repository;

import io.ehrconnector.config.entity.ConfigurationChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ConfigurationChangeRepository implements PanacheRepositoryBase<ConfigurationChange, Long> {

    /** The newest {@code size} entries of a tenant's history, page {@code page}. */
    public Uni<List<ConfigurationChange>> historyOf(String tenantId, int page, int size) {
        return find("tenantId", Sort.descending("occurredAt", "id"), tenantId).page(Page.of(page, size)).list();
    }
}
