package io.ehrconnector.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.FhirWrite;
import io.ehrconnector.testing.standins.RegisteredClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the audit write-back benchmark runs against: the {@link BenchStack} (PostgreSQL, Kafka), the EHR stand-in over TLS in
 * this JVM with the connector's Backend Services app registered ({@code private_key_jwt} with the ring's public keys), the
 * connector's key ring sealed under a fresh master key, an approved configuration for the stand-in's FHIR base, and
 * audit-service as packaged, ready once a probe connect reached the EHR.
 */
final class AuditBenchStack implements AutoCloseable {

    /** audit-service's TEST backend client id (its application.properties). */
    static final String BACKEND_CLIENT = "00000000-0000-0000-0000-00000000a003";
    private static final java.net.URI LAUNCH_SOURCE = CloudEvent.serviceSource("launch-service");
    /** The subtypes AuditEventResources gives a connect and a disconnect (DICOM 110122 Login, 110123 Logout). */
    static final String LOGIN = "110122";
    static final String LOGOUT = "110123";

    private final BenchStack bench;
    private final EhrStandIn ehr;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong probes = new AtomicLong();
    private final int port = FreePorts.next();
    private String configurationId;
    private final Set<WriteKey> written = new HashSet<>();
    private int writesSeen;

    private AuditBenchStack(BenchStack bench) {
        this.bench = bench;
        this.ehr = new EhrStandIn(0).tls(true).start();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    static AuditBenchStack start(Path root) throws IOException {
        return new AuditBenchStack(BenchStack.start(root, SuiteService.AUDIT));
    }

    /** Publishes the key ring and the configuration, registers the backend app, starts audit-service, waits for a write. */
    ServiceProcess startService(Map<String, String> settings) throws Exception {
        String masterKey = LocalWalkThrough.randomSecret();
        SealedKeyRing keys = SealedKeyRing.activeOnly(Environment.TEST, masterKey);
        try (KafkaTestClient kafka = bench.kafkaClient()) {
            keys.publish(kafka);
        }
        ehr.registerClient(RegisteredClient.of(BACKEND_CLIENT, ClientAuthentication.privateKeyJwt(keys.publicKeys())));
        configurationId = bench.approve(EntraDirectory.CONTOSO.id(), ehr.fhirBaseUrl());

        Map<String, String> environment = bench.environment(SuiteService.AUDIT);
        environment.putAll(StandInSettings.ehrTrust(ehr));
        environment.put("EHR_KEYS_MASTER_KEY", masterKey);
        environment.put("EHR_ENTRA_CLIENT_SECRET", LocalWalkThrough.randomClientSecret());
        environment.put("EHR_PORTAL_SESSION_SECRET", LocalWalkThrough.randomSecret());
        environment.putAll(settings);
        AtomicReference<String> probe = new AtomicReference<>();
        return bench.startService(SuiteService.AUDIT, port, environment, Map.of(), () -> {
            if (probe.get() == null) {
                String participant = "probe-" + probes.incrementAndGet();
                send(presence(EventType.PARTICIPANT_CONNECTED, "probe-visit", participant, Role.PROVIDER));
                producer.flush();
                probe.set(participant);
            }
            return writes().stream().anyMatch(write -> probe.get().equals(keyOf(write).participantId()))
                    ? null : "no probe AuditEvent yet";
        });
    }

    /** A connect or disconnect of {@code participantId} in {@code appointmentId}, as launch-service publishes it. */
    CloudEvent<ParticipantPresence> presence(EventType type, String appointmentId, String participantId, Role role) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ParticipantPresence data = new ParticipantPresence(configurationId, appointmentId, "meeting-" + appointmentId,
                participantId, role, role == Role.PROVIDER ? "E" + Math.abs(participantId.hashCode()) : null, now);
        return CloudEvent.of(type, CloudEvent.deterministicId(type, configurationId, appointmentId, participantId),
                LAUNCH_SOURCE, Topics.visitKey(configurationId, appointmentId), now, data);
    }

    /** Hands {@code event} to the producer (asynchronously; a failure is thrown by a later call). */
    void send(CloudEvent<ParticipantPresence> event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.VISIT_PARTICIPANTS, event.subject(),
                CloudEventCodec.toJson(event));
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                throw new IllegalStateException("could not publish a participant event", e);
            }
        });
    }

    void flush() {
        producer.flush();
    }

    List<FhirWrite> writes() {
        return ehr.writes();
    }

    /** The events written so far; reads only the writes that came since the last call. */
    synchronized Set<WriteKey> writtenKeys() {
        List<FhirWrite> all = ehr.writes();
        for (int i = writesSeen; i < all.size(); i++) {
            written.add(keyOf(all.get(i)));
        }
        writesSeen = all.size();
        return Set.copyOf(written);
    }

    /** Which event an AuditEvent write is about: its participant and whether it is a connect or a disconnect. */
    record WriteKey(String participantId, String subtype) {
    }

    static WriteKey keyOf(FhirWrite write) {
        try {
            JsonNode resource = CloudEventCodec.mapper().readTree(write.body());
            String subtype = resource.path("subtype").path(0).path("code").asText();
            String participant = resource.path("agent").path(0).path("who").path("identifier").path("value").asText();
            return new WriteKey(participant, subtype);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts writes per key: more than one is a duplicate. */
    static Map<WriteKey, Integer> counts(List<FhirWrite> writes) {
        Map<WriteKey, Integer> counts = new HashMap<>();
        writes.forEach(write -> counts.merge(keyOf(write), 1, Integer::sum));
        return counts;
    }

    /**
     * Where the time went, from audit-service's database, for the visits whose appointment ids start with {@code prefix}:
     * intake (event time to audit row) and queue (audit row queued to written), p50 and p99 in ms.
     */
    String stages(String prefix) throws java.sql.SQLException {
        try (java.sql.Connection db = bench.database(SuiteService.AUDIT);
             java.sql.PreparedStatement query = db.prepareStatement("select"
                     + " percentile_cont(0.5) within group (order by extract(epoch from a.recorded_at - a.occurred_at)),"
                     + " percentile_cont(0.99) within group (order by extract(epoch from a.recorded_at - a.occurred_at)),"
                     + " percentile_cont(0.5) within group (order by extract(epoch from w.written_at - w.created_at)),"
                     + " percentile_cont(0.99) within group (order by extract(epoch from w.written_at - w.created_at))"
                     + " from audit_event a join ehr_write w on w.event_id = a.event_id where a.appointment_id like ?")) {
            query.setString(1, prefix + "%");
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return String.format(java.util.Locale.ROOT, "intake p50 %.0f ms, p99 %.0f ms; queued to written p50 %.0f ms,"
                        + " p99 %.0f ms", row.getDouble(1) * 1000, row.getDouble(2) * 1000, row.getDouble(3) * 1000,
                        row.getDouble(4) * 1000);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        ehr.close();
        bench.close();
    }
}
