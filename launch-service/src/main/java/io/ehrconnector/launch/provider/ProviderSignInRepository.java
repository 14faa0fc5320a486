package io.ehrconnector.launch.provider;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

@ApplicationScoped
public class ProviderSignInRepository implements PanacheRepositoryBase<ProviderSignIn, String> {

    /** Removes and returns the sign-in with this state hash, or null: whoever takes it first is the only one. */
    public Uni<ProviderSignIn> take(String stateHash) {
        return NativeSql.list("delete from provider_sign_in where state_hash = ?1 returning *", ProviderSignIn.class,
                stateHash).map(taken -> taken.isEmpty() ? null : taken.get(0));
    }

    public Uni<Long> deleteExpired(OffsetDateTime now) {
        return delete("expiresAt < ?1", now);
    }
}
