package io.ehrconnector.config.sms;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class SmsUrlSettingsRepository implements PanacheRepositoryBase<SmsUrlSettings, String> {

    Uni<List<SmsUrlSettings>> listForTenant(String tenantId) {
        return list("tenantId", tenantId);
    }

    Uni<SmsUrlSettings> findForTenant(String tenantId, String configurationId) {
        return find("tenantId = ?1 and configurationId = ?2", tenantId, configurationId).firstResult();
    }
}
