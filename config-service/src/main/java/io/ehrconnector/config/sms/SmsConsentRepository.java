package io.ehrconnector.config.sms;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
class SmsConsentRepository implements PanacheRepositoryBase<SmsConsent, String> {

    /** The tenant's consent row, locked for the transaction (the tenant's SMS lock), or null when none was ever given. */
    Uni<SmsConsent> lock(String tenantId) {
        return find("tenantId", tenantId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    Uni<SmsConsent> of(String tenantId) {
        return find("tenantId", tenantId).firstResult();
    }
}
