package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service under test at a real PostgreSQL: the JVM's {@link PostgresServer#shared()} with a fresh database named by
 * the {@code database} init argument (default {@code app}). Flyway (JDBC) and the reactive client both get their URL.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = PostgresServer.shared();
        pg.recreateDatabase(database);
        return Map.of(
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database));
    }

    @Override
    public void stop() {
        // The server outlives a single test class; it stops when the JVM exits.
    }
}
