package io.ehrconnector.testing;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker (KRaft mode, one node acting as broker and controller) running in this JVM, from Kafka's own
 * artifacts; or an external cluster when {@value #EXTERNAL_BOOTSTRAP_ENV} names one.
 *
 * <p>{@link #shared()} starts it once per JVM. Topics are created on first use (auto-create on), three partitions,
 * replication factor 1.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String EXTERNAL_BOOTSTRAP_ENV = "EHR_KAFKA_BOOTSTRAP_SERVERS";

    private static KafkaBroker shared;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            String external = System.getenv(EXTERNAL_BOOTSTRAP_ENV);
            if (external != null) {
                System.out.println("[testing] using external Kafka at " + external);
                shared = new KafkaBroker(null, null, external);
            } else {
                shared = start(0);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-stop"));
        }
        return shared;
    }

    /** Formats a fresh log directory and starts a broker on {@code port} (0 = any free port). */
    public static KafkaBroker start(int port) {
        Path logDir;
        try {
            logDir = Files.createTempDirectory("ehr-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the Kafka log", e);
        }
        KafkaRaftServer server = null;
        try {
            int brokerPort = port > 0 ? port : FreePorts.next();
            int controllerPort = FreePorts.next();
            Properties props = brokerProperties(brokerPort, controllerPort, logDir);
            Path configFile = logDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "ehr-connector embedded KRaft broker");
            }
            format(configFile);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "localhost:" + brokerPort;
            System.out.println("[testing] real Kafka broker " + AppInfoParser.getVersion() + " (KRaft) started on " + bootstrap);
            return new KafkaBroker(server, logDir, bootstrap);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.shutdown();
            }
            deleteRecursively(logDir);
            throw e instanceof IOException io ? new UncheckedIOException("Kafka broker did not start", io)
                    : (RuntimeException) e;
        }
    }

    private static Properties brokerProperties(int brokerPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.resolve("data").toString());
        // Several partitions, as in production: tests must not depend on one partition's total order.
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "100000");
        return p;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", configFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(logDir);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[testing] could not delete " + dir + ": " + e.getMessage());
        }
    }
}
