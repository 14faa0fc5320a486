package io.ehrconnector.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services as the local stack runs it: its module (where the packaged app is), its own database and its
 * default HTTP port (the one in its application.properties).
 */
record SuiteService(String name, String database, int defaultPort) {

    static final SuiteService CONFIG = new SuiteService("config-service", "config", 8081);
    static final SuiteService HL7_INGEST = new SuiteService("hl7-ingest-service", "hl7_ingest", 8082);

    static final List<SuiteService> ALL = List.of(
            CONFIG,
            HL7_INGEST,
            new SuiteService("sms-service", "sms", 8083),
            new SuiteService("launch-service", "launch", 8084),
            new SuiteService("audit-service", "audit", 8085));

    /** The fast-jar launcher Quarkus builds at {@code package}. */
    Path runnerJar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
