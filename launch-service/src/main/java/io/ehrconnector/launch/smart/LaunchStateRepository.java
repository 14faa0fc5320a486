package io.ehrconnector.launch.smart;

import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

@ApplicationScoped
public class LaunchStateRepository implements PanacheRepositoryBase<LaunchState, String> {

    /** Removes and returns the launch with this state hash, or null: whoever takes it first is the only one. */
    public Uni<LaunchState> take(String stateHash) {
        return NativeSql.list("delete from launch_state where state_hash = ?1 returning *", LaunchState.class, stateHash)
                .map(taken -> taken.isEmpty() ? null : taken.get(0));
    }

    public Uni<Long> deleteExpired(OffsetDateTime now) {
        return delete("expiresAt < ?1", now);
    }
}
