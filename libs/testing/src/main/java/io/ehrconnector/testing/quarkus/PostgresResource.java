package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Points a service under test at a real PostgreSQL: the JVM's {@link PostgresServer#shared()} with a fresh database named
 * after the module under test ({@code ehr_test_config_service}), so modules built one after another, or at once against one
 * external server, never share or drop each other's data. Flyway (JDBC) and the reactive client both get their URL.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private final String database = PostgresServer.TEST_DATABASE_PREFIX
            + Path.of("").toAbsolutePath().getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");

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
