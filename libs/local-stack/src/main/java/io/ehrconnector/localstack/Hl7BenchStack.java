package io.ehrconnector.localstack;

import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.MllpFrames;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HL7 benchmarks run against: the {@link BenchStack} (PostgreSQL, Kafka), one approved configuration, and
 * hl7-ingest-service as packaged, its plain MLLP listener bound to that configuration. The service can be started again
 * after it was killed, on the same ports and data.
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

    private final BenchStack bench;
    private final int mllpPort = FreePorts.next();
    private final int httpPort = FreePorts.next();
    private final Map<String, String> environment;

    private Hl7BenchStack(BenchStack bench) {
        this.bench = bench;
        String configurationId = bench.approve(UUID.randomUUID().toString(), "https://ehr.example.org/bench/api/FHIR/R4");
        environment = bench.environment(SuiteService.HL7_INGEST);
        environment.put("EHR_HL7_MLLP_PORT", Integer.toString(mllpPort));
        environment.put("EHR_HL7_MLLP_PLAIN_CONFIGURATION_ID", configurationId);
        environment.put("EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID", "bench");
        environment.put("EHR_PHONE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(new byte[32]));
    }

    static Hl7BenchStack start(Path root) throws IOException {
        return new Hl7BenchStack(BenchStack.start(root, SuiteService.HL7_INGEST));
    }

    /** The ER7 of one S12 with this control id (its appointment and CSN derived from it). */
    static String message(String controlId) {
        return String.format(S12, controlId, "A" + controlId, controlId.replace("-", ""));
    }

    /** Starts the service and waits until it acknowledges a probe message AA. */
    ServiceProcess startService() throws Exception {
        return bench.startService(SuiteService.HL7_INGEST, httpPort, environment, Map.of(), this::probe);
    }

    int mllpPort() {
        return mllpPort;
    }

    KafkaTestClient kafkaClient() {
        return bench.kafkaClient();
    }

    private String probe() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", mllpPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(MllpFrames.frame(message("probe-" + UUID.randomUUID() + "-"
                    + PROBES.incrementAndGet())));
            String answer = MllpFrames.read(socket.getInputStream());
            return answer.contains("MSA|AA|") ? null : answer.replace('\r', ' ');
        }
    }

    @Override
    public void close() {
        bench.close();
    }
}
