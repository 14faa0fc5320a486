package io.ehrconnector.config.repository;

import io.ehrconnector.config.entity.SmartAuthorization;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

@ApplicationScoped
public class SmartAuthorizationRepository implements PanacheRepositoryBase<SmartAuthorization, String> {

    /** Removes and returns the authorization with this state hash, or null: whoever takes it first is the only one. */
    public Uni<SmartAuthorization> take(String stateHash) {
        return NativeSql.list("delete from smart_authorization where state_hash = ?1 returning *", SmartAuthorization.class,
                stateHash).map(taken -> taken.isEmpty() ? null : taken.get(0));
    }

    public Uni<Long> deleteExpired(OffsetDateTime now) {
        return delete("expiresAt < ?1", now);
    }
}
