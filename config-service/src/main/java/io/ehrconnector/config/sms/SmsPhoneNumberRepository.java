package io.ehrconnector.config.sms;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** Sending numbers and their jobs, always within a tenant: another tenant's ids are not found. */
@ApplicationScoped
class SmsPhoneNumberRepository implements PanacheRepositoryBase<SmsPhoneNumber, String> {

    /** The tenant's numbers except released ones, oldest first. */
    Uni<List<SmsPhoneNumber>> listForTenant(String tenantId) {
        return list("tenantId = ?1 and status <> ?2", Sort.by("createdAt").and("id"), tenantId,
                SmsPhoneNumber.Status.RELEASED);
    }

    Uni<SmsPhoneNumber> findForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    Uni<SmsPhoneNumber> findJobForTenant(String tenantId, String jobId) {
        return find("tenantId = ?1 and jobId = ?2", tenantId, jobId).firstResult();
    }

    Uni<Boolean> held(String e164) {
        return count("phoneNumber = ?1 and status in ?2", e164, List.of(SmsPhoneNumber.Status.PROVISIONING,
                SmsPhoneNumber.Status.ACTIVE, SmsPhoneNumber.Status.RELEASING)).map(n -> n > 0);
    }

    /** Jobs whose lease ran out (the replica working on them stopped): candidates for {@link #claim}. */
    Uni<List<String>> abandonedJobs(OffsetDateTime now) {
        return find("status in ?1 and (leaseUntil is null or leaseUntil < ?2)",
                List.of(SmsPhoneNumber.Status.PROVISIONING, SmsPhoneNumber.Status.RELEASING), now)
                .project(IdOnly.class).list().map(rows -> rows.stream().map(IdOnly::id).toList());
    }

    /** Takes the lease of an abandoned job; true when this caller got it (another replica may have been faster). */
    Uni<Boolean> claim(String id, String owner, OffsetDateTime now, OffsetDateTime until) {
        return update("leaseOwner = ?1, leaseUntil = ?2 where id = ?3 and status in ?4 and (leaseUntil is null or leaseUntil < ?5)",
                owner, until, id, List.of(SmsPhoneNumber.Status.PROVISIONING, SmsPhoneNumber.Status.RELEASING), now)
                .map(n -> n == 1);
    }

    /** The job's row if {@code owner} still holds its lease, locked for the transaction; else null. */
    Uni<SmsPhoneNumber> lockOwned(String id, String owner) {
        return find("id = ?1 and leaseOwner = ?2", id, owner)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    record IdOnly(String id) {
    }
}
