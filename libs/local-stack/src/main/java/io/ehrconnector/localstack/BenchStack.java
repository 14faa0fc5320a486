package io.ehrconnector.localstack;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaBroker;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a benchmark runs a service against: a real PostgreSQL and Kafka broker on this machine, started for the run, and the
 * service as packaged in its own JVM with the full JIT. A service can be started again after it was killed, on the same
 * port and data.
 */
final class BenchStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Unlike the local stack's small JVMs: the service under measurement gets a bigger heap and the full JIT. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseParallelGC");

    /** Whether a started service does its job yet: null when it does, else what it answered instead (printed; so is a failure). */
    @FunctionalInterface
    interface Probe {
        String notYet() throws Exception;
    }

    private final Path root;
    private final Path work;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private BenchStack(Path root, Path work, PostgresServer postgres, KafkaBroker kafka) {
        this.root = root;
        this.work = work;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and Kafka, with a fresh database for each of {@code services}. */
    static BenchStack start(Path root, SuiteService... services) throws IOException {
        Path work = Files.createTempDirectory("ehr-bench-");
        PostgresServer postgres = PostgresServer.startEmbedded(FreePorts.next());
        KafkaBroker kafka = KafkaBroker.start(FreePorts.next());
        for (SuiteService service : services) {
            postgres.recreateDatabase(service.database());
        }
        return new BenchStack(root, work, postgres, kafka);
    }

    /** The environment that connects {@code service} to its database and the broker; the caller adds its own settings. */
    Map<String, String> environment(SuiteService service) {
        return service.environment(postgres, kafka);
    }

    /**
     * Starts {@code service} and waits until {@code probe} says it does its job.
     *
     * @param systemProperties Quarkus settings whose names an environment variable cannot spell (quoted map keys)
     */
    ServiceProcess startService(SuiteService service, int port, Map<String, String> environment,
                                Map<String, String> systemProperties, Probe probe) throws Exception {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        // e.g. -DserviceJvmOptions=-XX:StartFlightRecording=filename=/tmp/service.jfr to profile the service under load
        String extra = System.getProperty("serviceJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        options.addAll(ServiceProcess.systemProperties(systemProperties));
        ServiceProcess process = ServiceProcess.start(service, root, port, environment, work, options);
        // A benchmark stopped with Ctrl-C or by a timeout does not leave the service running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::requestStop, "stop-" + service.name()));
        try {
            awaitProbe(process, probe);
            return process;
        } catch (Exception | Error e) {
            process.close();
            throw e;
        }
    }

    private static void awaitProbe(ServiceProcess process, Probe probe) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.service().name() + " exited; see " + process.log());
            }
            if (process.isReady()) {
                String notYet;
                try {
                    notYet = probe.notYet();
                } catch (IOException | RuntimeException e) {
                    notYet = e.toString();
                }
                if (notYet == null) {
                    return;
                }
                System.out.println("not accepting yet: " + notYet);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(process.service().name() + " did not do its job within " + START_TIMEOUT.toSeconds()
                + " s; see " + process.log());
    }

    /** Publishes an approved TEST configuration of {@code tenantId} for {@code fhirBaseUrl}, as config-service would; its id. */
    String approve(String tenantId, String fhirBaseUrl) {
        return approve(tenantId, fhirBaseUrl, null);
    }

    /** The same with SMS settings ({@code sms} null: SMS not set up). */
    String approve(String tenantId, String fhirBaseUrl, ConfigurationSnapshot.SmsSettings sms) {
        String configurationId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(configurationId, tenantId,
                ConfigurationSnapshot.Environment.TEST, fhirBaseUrl, ConfigurationSnapshot.Status.APPROVED, 1,
                "Bench Health", "America/Chicago", sms, List.of(), now);
        try (KafkaTestClient client = kafkaClient()) {
            client.send(configurationId, CloudEvent.of(EventType.CONFIGURATION_PUBLISHED,
                    CloudEvent.serviceSource("config-service"), configurationId, now, snapshot));
        }
        return configurationId;
    }

    KafkaTestClient kafkaClient() {
        return new KafkaTestClient(kafka.bootstrapServers());
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A JDBC connection to {@code service}'s database, to watch what the service recorded. */
    Connection database(SuiteService service) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(service.database()), postgres.username(), postgres.password());
    }

    @Override
    public void close() {
        kafka.close();
        postgres.close();
    }
}
