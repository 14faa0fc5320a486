package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and state changes of {@link ConnectorKey}. A state change runs inside a transaction that first took
 * {@link #lockEnvironment}; each is one conditional update statement, so it also does the right thing if it ever runs
 * without the lock.
 */
@ApplicationScoped
class ConnectorKeyRepository implements PanacheRepositoryBase<ConnectorKey, UUID> {

    /** High bits of the advisory lock keys of this table; the environment's ordinal is added. Any constant unique in the suite. */
    private static final long LOCK_KEY_BASE = 0x6568_722d_6b65_7900L;

    /** ACTIVE first (for verifiers that just take the first key), then NEXT, then PREVIOUS, newest first within each. */
    private static final Map<KeyStatus, Integer> PUBLICATION_RANK = Map.of(KeyStatus.ACTIVE, 0, KeyStatus.NEXT, 1,
            KeyStatus.PREVIOUS, 2);
    private static final Comparator<ConnectorKey> PUBLICATION_ORDER = Comparator
            .<ConnectorKey>comparingInt(k -> PUBLICATION_RANK.getOrDefault(k.status, 3))
            .thenComparing(k -> k.createdAt, Comparator.reverseOrder());

    /** The database clock in microseconds since the epoch. */
    private static final String NOW_MICROS = "cast(extract(epoch from clock_timestamp()) * 1000000 as bigint)";

    /**
     * Serialises every change of {@code environment}'s keys across replicas until this transaction ends: a second replica
     * waits here and then sees what the first one committed.
     */
    Uni<Void> lockEnvironment(Environment environment) {
        return NativeSql.single("select count(*) from (select pg_advisory_xact_lock(?1)) locked", Long.class,
                LOCK_KEY_BASE + environment.ordinal()).replaceWithVoid();
    }

    Uni<ConnectorKey> findActive(Environment environment) {
        return find("environment = ?1 and status = ?2", environment, KeyStatus.ACTIVE).firstResult();
    }

    Uni<ConnectorKey> findNext(Environment environment) {
        return find("environment = ?1 and status = ?2", environment, KeyStatus.NEXT).firstResult();
    }

    /** The keys in the environment's JWK Set (NEXT, ACTIVE, PREVIOUS), in the set's order ({@link #PUBLICATION_ORDER}). */
    Uni<List<ConnectorKey>> listPublished(Environment environment) {
        return list("environment = ?1 and status <> ?2 order by createdAt desc, kid", environment, KeyStatus.RETIRED)
                .map(published -> published.stream().sorted(PUBLICATION_ORDER).toList());
    }

    /**
     * {@link #listPublished} as the current transaction has left the table. Its state changes are update statements, which
     * bypass the copies of keys the session loaded before them, so those copies are written out and dropped first.
     */
    Uni<List<ConnectorKey>> listPublishedAfterChanges(Environment environment) {
        return Panache.getSession().flatMap(session -> session.flush().invoke(() -> session.clear()))
                .chain(() -> listPublished(environment));
    }

    /**
     * A new version of the environment's key ring: one more than the last, and at least the database clock's microseconds
     * since the epoch, so versions keep growing even if this table is lost (a restored or rebuilt database) while consumers
     * still hold a ring. Call under {@link #lockEnvironment}.
     */
    Uni<Long> nextRingVersion(Environment environment) {
        return NativeSql.update("insert into connector_key_ring_version (environment, version) values (?1, " + NOW_MICROS + ")"
                        + " on conflict (environment) do update"
                        + " set version = greatest(connector_key_ring_version.version + 1, excluded.version)",
                        environment.name())
                .chain(() -> NativeSql.single("select version from connector_key_ring_version where environment = ?1",
                        Long.class, environment.name()));
    }

    /** Every key the environment ever had, newest first. */
    Uni<List<ConnectorKey>> listAll(Environment environment) {
        return list("environment = ?1 order by createdAt desc, kid", environment);
    }

    /** ACTIVE → PREVIOUS, published until {@code retireAt}. Returns the number of keys changed (0 or 1). */
    Uni<Integer> demoteActive(Environment environment, OffsetDateTime retireAt) {
        return update("status = ?1, retireAt = ?2 where environment = ?3 and status = ?4",
                KeyStatus.PREVIOUS, retireAt, environment, KeyStatus.ACTIVE);
    }

    /** The NEXT key whose activation time has come → ACTIVE. Returns 0 or 1. */
    Uni<Integer> activateNext(Environment environment, UUID id, OffsetDateTime now) {
        return update("status = ?1, activatedAt = ?2 where id = ?3 and environment = ?4 and status = ?5 and activateAt <= ?2",
                KeyStatus.ACTIVE, now, id, environment, KeyStatus.NEXT);
    }

    /** PREVIOUS keys whose overlap ended → RETIRED: out of the JWK Set, private key destroyed. Returns how many. */
    Uni<Integer> retireDue(Environment environment, OffsetDateTime now) {
        return update("status = ?1, retiredAt = ?2, privateKeyEncrypted = null"
                        + " where environment = ?3 and status = ?4 and retireAt <= ?2",
                KeyStatus.RETIRED, now, environment, KeyStatus.PREVIOUS);
    }
}
