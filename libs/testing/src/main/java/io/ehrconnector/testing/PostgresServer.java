package io.ehrconnector.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: embedded binaries from a Maven artifact by default, or an external server when
 * {@value #EXTERNAL_URL_ENV} names one (e.g. {@code postgresql://localhost:5432}, with {@value #EXTERNAL_USER_ENV} and
 * {@value #EXTERNAL_PASSWORD_ENV}).
 *
 * <p>{@link #shared()} starts it once per JVM; every test class and the local stack get their own database in it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String EXTERNAL_URL_ENV = "EHR_POSTGRES_URL";
    public static final String EXTERNAL_USER_ENV = "EHR_POSTGRES_USER";
    public static final String EXTERNAL_PASSWORD_ENV = "EHR_POSTGRES_PASSWORD";

    /** Prefix of every database a test creates (and may drop). */
    public static final String TEST_DATABASE_PREFIX = "ehr_test_";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static PostgresServer shared;

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String username, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = System.getenv(EXTERNAL_URL_ENV) != null ? external() : startEmbedded(0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-stop"));
        }
        return shared;
    }

    /** Starts a new embedded server on {@code port} (0 = any free port). */
    public static PostgresServer startEmbedded(int port) {
        try {
            // Our own shutdown hook (shared()) or owner (the local stack) stops it, in order, after what uses it.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            System.out.println("[testing] real PostgreSQL started (embedded binaries) on 127.0.0.1:" + pg.getPort());
            return new PostgresServer(pg, "localhost", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static PostgresServer external() {
        URI uri = URI.create(System.getenv(EXTERNAL_URL_ENV));
        String user = System.getenv().getOrDefault(EXTERNAL_USER_ENV, "postgres");
        String password = System.getenv().getOrDefault(EXTERNAL_PASSWORD_ENV, "postgres");
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        System.out.println("[testing] using external PostgreSQL at " + uri.getHost() + ":" + port);
        return new PostgresServer(null, uri.getHost(), port, user, password);
    }

    /**
     * Drops and re-creates {@code name}, so a run always starts from an empty database. On an external server (someone's own
     * PostgreSQL) only databases named {@value #TEST_DATABASE_PREFIX}... are ever dropped.
     */
    public void recreateDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (embedded == null && !name.startsWith(TEST_DATABASE_PREFIX)) {
            throw new IllegalArgumentException("refusing to drop " + name + " on an external server: only "
                    + TEST_DATABASE_PREFIX + "* databases are recreated there");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form the Vert.x reactive PostgreSQL client takes. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("[testing] PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
