package io.ehrconnector.localstack;

import io.ehrconnector.testing.KafkaBroker;
import io.ehrconnector.testing.PostgresServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the five services as the local stack runs it: its module (where the packaged app is), its own database and its
 * default HTTP port (the one in its application.properties).
 */
record SuiteService(String name, String database, int defaultPort) {

    static final SuiteService CONFIG = new SuiteService("config-service", "config", 8081);
    static final SuiteService HL7_INGEST = new SuiteService("hl7-ingest-service", "hl7_ingest", 8082);
    static final SuiteService SMS = new SuiteService("sms-service", "sms", 8083);
    static final SuiteService LAUNCH = new SuiteService("launch-service", "launch", 8084);
    static final SuiteService AUDIT = new SuiteService("audit-service", "audit", 8085);

    static final List<SuiteService> ALL = List.of(CONFIG, HL7_INGEST, SMS, LAUNCH, AUDIT);

    /** The fast-jar launcher Quarkus builds at {@code package}. */
    Path runnerJar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The environment that connects the service to its own database and to the broker, with readable logs. */
    Map<String, String> environment(PostgresServer postgres, KafkaBroker kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }
}
