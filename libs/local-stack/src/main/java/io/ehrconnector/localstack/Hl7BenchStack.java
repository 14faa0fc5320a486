package io.ehrconnector.localstack;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaBroker;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;
import io.ehrconnector.testing.PostgresServer;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HL7 benchmarks run against: a real PostgreSQL and Kafka broker on this machine, one approved configuration, and
 * hl7-ingest-service as packaged (its own JVM, full JIT), its plain MLLP listener bound to that configuration. The service can
 * be started again after it was killed, on the same ports and data.
 */
final class Hl7BenchStack implements AutoCloseable {

    /** An Epic-like S12; {@link #message} fills in the control id, the appointment id (SCH-2) and the CSN (PV1-19). */
    private static final String S12 = String.join("\r",
            "MSH|^~\\&|EPIC|NWH|TEAMS|NWH|20261122101500||SIU^S12^SIU_S12|%s|P|2.5.1",
            "SCH|1111^EPIC|%s^EPIC|||||Video visit||30|min|^^30^20261201093000-0600^20261201100000-0600|||||E1234^Doe^Jane||||||||||Booked",
            "PID|1||Z99887^^^EPIC^MRN||Sample^Patient||19800101|F|||||^PRN^PH^^1^608^5550101~^ORN^CP^^1^608^5550102||SPA",
            "PV1|1|O|DEPT100||||||||||||||||%s",
            "RGS|1",
            "AIL|1||DEPT100",
            "AIP|1||E1234^Doe^Jane");

    private static final AtomicLong PROBES = new AtomicLong();

    private final Path root;
    private final Path work;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final String configurationId = UUID.randomUUID().toString();
    private final int mllpPort = FreePorts.next();
    private final int httpPort = FreePorts.next();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Hl7BenchStack(Path root, Path work, PostgresServer postgres, KafkaBroker kafka) {
        this.root = root;
        this.work = work;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static Hl7BenchStack start(Path root) throws IOException {
        Path work = Files.createTempDirectory("ehr-bench-hl7");
        PostgresServer postgres = PostgresServer.startEmbedded(FreePorts.next());
        KafkaBroker kafka = KafkaBroker.start(FreePorts.next());
        Hl7BenchStack stack = new Hl7BenchStack(root, work, postgres, kafka);
        postgres.recreateDatabase(SuiteService.HL7_INGEST.database());
        stack.approve();
        stack.environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(SuiteService.HL7_INGEST.database()));
        stack.environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(SuiteService.HL7_INGEST.database()));
        stack.environment.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        stack.environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        stack.environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        stack.environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        stack.environment.put("EHR_HL7_MLLP_PORT", Integer.toString(stack.mllpPort));
        stack.environment.put("EHR_HL7_MLLP_PLAIN_CONFIGURATION_ID", stack.configurationId);
        stack.environment.put("EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID", "bench");
        stack.environment.put("EHR_PHONE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(new byte[32]));
        return stack;
    }

    /** The ER7 of one S12 with this control id (its appointment and CSN derived from it). */
    static String message(String controlId) {
        return String.format(S12, controlId, "A" + controlId, controlId.replace("-", ""));
    }

    /** Starts the service and waits until it acknowledges a probe message AA. */
    ServiceProcess startService() throws Exception {
        ServiceProcess service = ServiceProcess.start(SuiteService.HL7_INGEST, root, httpPort, environment, work,
                List.of("-Xmx512m", "-XX:+UseParallelGC"));
        awaitAccepting(service);
        return service;
    }

    int mllpPort() {
        return mllpPort;
    }

    KafkaTestClient kafkaClient() {
        return new KafkaTestClient(kafka.bootstrapServers());
    }

    private void approve() {
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(configurationId, UUID.randomUUID().toString(),
                ConfigurationSnapshot.Environment.TEST, "https://ehr.example.org/bench/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, 1, "Bench Health", "America/Chicago", null, List.of(),
                OffsetDateTime.now(ZoneOffset.UTC));
        try (KafkaTestClient client = kafkaClient()) {
            client.send(configurationId, CloudEvent.of(EventType.CONFIGURATION_PUBLISHED,
                    CloudEvent.serviceSource("config-service"), configurationId, OffsetDateTime.now(ZoneOffset.UTC), snapshot));
        }
    }

    private void awaitAccepting(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("hl7-ingest-service exited; see " + service.log());
            }
            if (service.isReady()) {
                try (Socket socket = new Socket("127.0.0.1", mllpPort)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(MllpFrames.frame(message("probe-" + UUID.randomUUID() + "-"
                            + PROBES.incrementAndGet())));
                    String answer = MllpFrames.read(socket.getInputStream());
                    if (answer.contains("MSA|AA|")) {
                        return;
                    }
                    System.out.println("not accepting yet: " + answer.replace('\r', ' '));
                } catch (IOException e) {
                    System.out.println("not accepting yet: " + e);
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("hl7-ingest-service did not accept messages within 120 s; see " + service.log());
    }

    @Override
    public void close() {
        kafka.close();
        postgres.close();
    }
}
