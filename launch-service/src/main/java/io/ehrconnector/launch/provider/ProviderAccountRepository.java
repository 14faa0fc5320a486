package io.ehrconnector.launch.provider;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

@ApplicationScoped
public class ProviderAccountRepository implements PanacheRepositoryBase<ProviderAccount, ProviderAccount.Key> {

    /** The Microsoft 365 object id linked to the EHR user, marking the link used now; null when there is none. */
    public Uni<String> useLink(String configurationId, String ehrUserId, OffsetDateTime now) {
        return NativeSql.list("update provider_account set last_launch_at = ?3 where configuration_id = ?1"
                        + " and ehr_user_id = ?2 returning m365_object_id", String.class, configurationId, ehrUserId, now)
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** Links the EHR user to the Microsoft 365 user; a later sign-in as someone else replaces the link. */
    public Uni<Integer> link(String configurationId, String ehrUserId, String tenantId, String objectId,
                             OffsetDateTime now) {
        return NativeSql.update("insert into provider_account (configuration_id, ehr_user_id, tenant_id, m365_object_id,"
                + " linked_at, last_launch_at) values (?1, ?2, ?3, ?4, ?5, ?5) on conflict (configuration_id, ehr_user_id)"
                + " do update set tenant_id = excluded.tenant_id, m365_object_id = excluded.m365_object_id,"
                + " linked_at = excluded.linked_at, last_launch_at = excluded.last_launch_at",
                configurationId, ehrUserId, tenantId, objectId, now);
    }

    public Uni<Long> deleteUnusedSince(OffsetDateTime cutoff) {
        return delete("lastLaunchAt < ?1", cutoff);
    }
}
