package io.ehrconnector.config.certificates;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Reads and changes of {@link EhrCertificate}, always within one tenant. A change runs in a transaction that first took
 * {@link #lock}; the removals and the status change are statements executed at once, in the order the partial unique
 * indexes (one CURRENT, one PREVIOUS per tenant and environment) need.
 */
@ApplicationScoped
class EhrCertificateRepository implements PanacheRepositoryBase<EhrCertificate, UUID> {

    /** Namespace of the advisory lock keys: the key is a 64-bit hash of this, the tenant and the environment. */
    private static final String LOCK_NAMESPACE = "ehr-certificate/";

    /**
     * Serialises every change of the certificates of {@code tenantId}'s {@code environment} until this transaction ends, also
     * across replicas, so two uploads at once end with one CURRENT and one PREVIOUS rather than a constraint failure.
     */
    Uni<Void> lock(String tenantId, Environment environment) {
        return NativeSql.single("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked",
                Long.class, LOCK_NAMESPACE + tenantId + "/" + environment.name()).replaceWithVoid();
    }

    /** Whether a tenant other than {@code tenantId} has uploaded the certificate with this fingerprint. */
    Uni<Boolean> uploadedByAnotherTenant(String fingerprint, String tenantId) {
        return count("fingerprint = ?1 and tenantId <> ?2", fingerprint, tenantId).map(n -> n > 0);
    }

    Uni<List<EhrCertificate>> listForTenant(String tenantId) {
        return list("tenantId", tenantId);
    }

    Uni<List<EhrCertificate>> listFor(String tenantId, Environment environment) {
        return list("tenantId = ?1 and environment = ?2", tenantId, environment);
    }

    /**
     * The certificates of {@code tenantId}'s {@code environment} as the database holds them at this point of the transaction
     * (a projection, so not the entities this session may still hold from before {@link #demoteCurrent} or {@link #remove}).
     */
    Uni<List<StoredCertificate>> readFor(String tenantId, Environment environment) {
        return find("tenantId = ?1 and environment = ?2", tenantId, environment).project(StoredCertificate.class).list();
    }

    /** A projection of {@link EhrCertificate}: what configuration snapshots carry. */
    @RegisterForReflection
    record StoredCertificate(CertificateStatus status, String fingerprint, byte[] der, OffsetDateTime notBefore,
                             OffsetDateTime notAfter) {
    }

    Uni<EhrCertificate> find(String tenantId, Environment environment, CertificateStatus status) {
        return find("tenantId = ?1 and environment = ?2 and status = ?3", tenantId, environment, status).firstResult();
    }

    /** The certificates valid at {@code now} (CURRENT and PREVIOUS). */
    Uni<List<EhrCertificate>> validAt(String tenantId, Environment environment, OffsetDateTime now) {
        return list("tenantId = ?1 and environment = ?2 and notBefore <= ?3 and notAfter >= ?3", tenantId, environment, now);
    }

    Uni<Boolean> hasValid(String tenantId, Environment environment, CertificateStatus status, OffsetDateTime now) {
        return count("tenantId = ?1 and environment = ?2 and status = ?3 and notBefore <= ?4 and notAfter >= ?4", tenantId,
                environment, status, now).map(n -> n > 0);
    }

    /** Removes the certificate {@code id} of the tenant at once; returns how many (0 or 1). */
    Uni<Long> remove(String tenantId, UUID id) {
        return delete("tenantId = ?1 and id = ?2", tenantId, id);
    }

    /** CURRENT → PREVIOUS at once; the PREVIOUS slot must be free. Returns how many (0 or 1). */
    Uni<Integer> demoteCurrent(String tenantId, Environment environment) {
        return update("status = ?1 where tenantId = ?2 and environment = ?3 and status = ?4", CertificateStatus.PREVIOUS,
                tenantId, environment, CertificateStatus.CURRENT);
    }
}
