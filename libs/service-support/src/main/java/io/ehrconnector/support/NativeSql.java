package io.ehrconnector.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * PostgreSQL statements that JPQL cannot express (ON CONFLICT, advisory locks, FOR UPDATE SKIP LOCKED), run in the current
 * reactive session with positional parameters {@code ?1, ?2, ...}.
 */
public final class NativeSql {

    private NativeSql() {
    }

    /** Runs an insert, update or delete; returns the number of rows it touched. */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery(sql), parameters).executeUpdate());
    }

    /** Runs a query whose rows map to {@code type} (an entity or a single column's type). */
    public static <T> Uni<List<T>> list(String sql, Class<T> type, Object... parameters) {
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery(sql, type), parameters).getResultList());
    }

    /** Runs a query of exactly one row and column. */
    public static <T> Uni<T> single(String sql, Class<T> type, Object... parameters) {
        return Panache.getSession().flatMap(session -> bind(session.createNativeQuery(sql, type), parameters).getSingleResult());
    }

    private static <Q extends Mutiny.SelectionQuery<?>> Q bind(Q query, Object[] parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
