package io.ehrconnector.localstack;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.Topics;
import io.ehrconnector.support.phone.PhoneCipher;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.SentSms;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the SMS benchmarks run against: the {@link BenchStack} (PostgreSQL, Kafka), the ACS stand-in (HTTPS, HMAC-checked)
 * in this JVM, and sms-service as packaged, pointed at the stand-in with its trust store. Configurations are published as
 * config-service would (approved, SMS on, both consents, a sending number, no confirmations, one reminder
 * {@link #OFFSET} before the visit), appointments as hl7-ingest-service would (an S12 event per visit, the patient's mobile
 * number encrypted under the key the service is given). The service can be started again after it was killed, on the same
 * port and data.
 */
final class SmsBenchStack implements AutoCloseable {

    /** The one reminder offset of the bench configurations: each visit starts this long after its reminder is due. */
    static final Duration OFFSET = Duration.ofHours(1);
    private static final URI HL7_SOURCE = CloudEvent.serviceSource("hl7-ingest-service");

    /** One reminder the benchmark expects: due at {@code due}, to {@code phone}, with ACS repeatability id {@code id}. */
    record Reminder(String configurationId, String appointmentId, String phone, Instant due, String repeatabilityId) {
    }

    private final BenchStack bench;
    private final AcsStandIn acs;
    private final PhoneCipher cipher;
    private final int port = FreePorts.next();
    private final Map<String, String> environment;
    private final KafkaProducer<String, String> producer;
    private final Connection database;
    private final AtomicLong probes = new AtomicLong();

    private SmsBenchStack(BenchStack bench) throws SQLException {
        this.bench = bench;
        this.acs = new AcsStandIn(0).start();
        String phoneKey = LocalWalkThrough.randomSecret();
        this.cipher = PhoneCipher.fromBase64("bench", Map.of("bench", phoneKey));
        environment = bench.environment(SuiteService.SMS);
        environment.put("EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID", "bench");
        environment.put("EHR_PHONE_ENCRYPTION_KEYS", "bench:" + phoneKey);
        environment.put("EHR_JOIN_LINKS_KEYS", "1:" + LocalWalkThrough.randomSecret());
        environment.put("EHR_SMS_WEBHOOK_KEY", LocalWalkThrough.randomSecret());
        environment.put("EHR_SMS_OPT_OUT_KEY", LocalWalkThrough.randomSecret());
        environment.putAll(StandInSettings.acs(acs));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.database = bench.database(SuiteService.SMS);
    }

    static SmsBenchStack start(Path root) throws IOException, SQLException {
        return new SmsBenchStack(BenchStack.start(root, SuiteService.SMS));
    }

    /** Publishes an approved configuration texting from {@code sendingNumber}; its id. */
    String configure(String sendingNumber) {
        return bench.approve(UUID.randomUUID().toString(), "https://ehr.example.org/bench-sms/" + sendingNumber.substring(1)
                        + "/api/FHIR/R4",
                new ConfigurationSnapshot.SmsSettings(true, true, sendingNumber, false, false, false, List.of(OFFSET)));
    }

    /**
     * Starts the service with {@code settings} added to its environment; when {@code probeConfigurationId} is given, waits
     * until a probe visit of that configuration got its reminder through the stand-in (configuration known, appointments
     * consumed, ACS reached over TLS with a valid signature), else only until it reports ready.
     */
    ServiceProcess startService(Map<String, String> settings, String probeConfigurationId) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(settings);
        BenchStack.Probe probe = probeConfigurationId == null ? () -> null : probeText(probeConfigurationId);
        return bench.startService(SuiteService.SMS, port, env, Map.of(), probe);
    }

    private BenchStack.Probe probeText(String configurationId) {
        AtomicReference<String> phone = new AtomicReference<>();
        return () -> {
            if (phone.get() == null) {
                long n = probes.incrementAndGet();
                String number = String.format("+1312555%04d", n);
                Instant due = Instant.now().plusSeconds(3);
                publish(List.of(new Reminder(configurationId, "probe-" + n, number, due,
                        repeatabilityId(configurationId, "probe-" + n, due))));
                phone.set(number);
            }
            return acs.sentMessages().stream().anyMatch(s -> s.to().equals(phone.get()) && s.successful()) ? null
                    : "no probe text yet";
        };
    }

    /**
     * {@code count} visits of {@code configurationId}, reminders due evenly from {@code firstDue} over {@code spread}, to
     * distinct US mobile numbers {@code +1<areaCode>2xxxxxx}.
     */
    static List<Reminder> plan(String configurationId, String prefix, int count, Instant firstDue, Duration spread,
                               String areaCode) {
        List<Reminder> reminders = new ArrayList<>(count);
        long spreadMillis = spread.toMillis();
        for (int i = 0; i < count; i++) {
            Instant due = firstDue.plusMillis(count == 1 ? 0 : spreadMillis * i / (count - 1));
            String appointmentId = prefix + i;
            reminders.add(new Reminder(configurationId, appointmentId, String.format("+1%s%07d", areaCode, 2_000_000 + i),
                    due, repeatabilityId(configurationId, appointmentId, due)));
        }
        return reminders;
    }

    /**
     * sms-service's repeatability id of a reminder (its {@code messages.RepeatabilityIds}: a name-based UUID of configuration,
     * appointment, type, offset and the visit start as an instant), written out here because the benchmark may not link the
     * service's code. A mismatch would show as every text "unexpected".
     */
    static String repeatabilityId(String configurationId, String appointmentId, Instant due) {
        String name = String.join("\u001f", "ehr-connector/sms/v1", configurationId, appointmentId,
                SmsDelivery.MessageType.REMINDER.name(), Long.toString(OFFSET.toSeconds()), due.plus(OFFSET).toString());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Publishes an S12 event per reminder's visit (start = due + {@link #OFFSET}) and waits until the broker has them all. */
    void publish(List<Reminder> reminders) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (Reminder r : reminders) {
            OffsetDateTime start = OffsetDateTime.ofInstant(r.due().plus(OFFSET), ZoneOffset.UTC);
            EncryptedPhone phone = cipher.encrypt(EncryptedPhone.Use.MOBILE, r.phone(),
                    PhoneCipher.appointmentContext(r.configurationId(), r.appointmentId()));
            String control = "bench-" + r.appointmentId();
            AppointmentEvent data = new AppointmentEvent(r.configurationId(), r.appointmentId(), start, start.plusMinutes(30),
                    AppointmentEvent.Status.BOOKED, "DEPT100", List.of("E1234"), List.of(phone), "en", control, "EPIC", "NWH");
            String id = CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, r.configurationId(), "EPIC", "NWH",
                    control);
            CloudEvent<AppointmentEvent> event = CloudEvent.of(EventType.APPOINTMENT_SCHEDULED, id, HL7_SOURCE,
                    r.appointmentId(), now, data);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.APPOINTMENTS,
                    Topics.visitKey(r.configurationId(), r.appointmentId()), CloudEventCodec.toJson(event));
            record.headers().add(CloudEvent.CONTENT_TYPE_HEADER,
                    CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing appointments failed", failure.get());
        }
    }

    /**
     * The reminders of {@code configurationId} sms-service has planned, by state (PENDING, SENT, FAILED, NOT_SENT, ...). Each
     * booking also records its confirmation as NOT_SENT (confirmations are off in the bench configurations): not counted.
     */
    Map<String, Long> states(String configurationId) throws SQLException {
        Map<String, Long> states = new TreeMap<>();
        try (PreparedStatement s = database.prepareStatement(
                "select state, count(*) from sms_message where configuration_id = ? and message_type = 'REMINDER'"
                        + " group by state")) {
            s.setString(1, configurationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return states;
    }

    /**
     * Waits until sms-service has planned at least {@code expected} texts of {@code configurationId} (whatever their state),
     * printing progress; false when {@code deadline} passed first.
     */
    boolean awaitPlanned(String configurationId, long expected, Instant deadline) throws Exception {
        long lastPrint = System.nanoTime();
        while (true) {
            long planned = states(configurationId).values().stream().mapToLong(Long::longValue).sum();
            if (planned >= expected) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                System.out.printf(Locale.ROOT, "  intake: %d of %d planned at the deadline%n", planned, expected);
                return false;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  intake: %d of %d planned%n", planned, expected);
                lastPrint = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }

    /**
     * Waits until every text of {@code configurationId} is settled (at least {@code expected} visits taken in, no reminder
     * PENDING; a reminder whose visit was taken in after it was due is never planned, and shows as missing),
     * printing progress every 10 s; false when {@code deadline} passed first.
     */
    boolean awaitSettled(String configurationId, long expected, Instant deadline) throws Exception {
        long lastPrint = System.nanoTime();
        while (true) {
            Map<String, Long> states = states(configurationId);
            if (appointments(configurationId) >= expected && states.getOrDefault("PENDING", 0L) == 0) {
                System.out.println("  settled: " + states);
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                System.out.println("  not settled at the deadline: " + states);
                return false;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  %s, stand-in: %d sends%n", states, acs.sentMessages().size());
                lastPrint = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }

    /** How many visits of {@code configurationId} sms-service has taken in (probes not counted). */
    long appointments(String configurationId) throws SQLException {
        try (PreparedStatement s = database.prepareStatement(
                "select count(*) from sms_appointment where configuration_id = ? and appointment_id not like 'probe-%'")) {
            s.setString(1, configurationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Everything the stand-in accepted or refused so far, repeats included. */
    List<SentSms> sent() {
        return acs.sentMessages();
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException ignored) {
            // the database stops next
        }
        producer.close(Duration.ofSeconds(5));
        acs.close();
        bench.close();
    }

    /** The ACS repeatability ids of a list of reminders, for {@link SmsTally}. */
    static Map<String, Reminder> byRepeatabilityId(List<Reminder> reminders) {
        Map<String, Reminder> byId = new java.util.HashMap<>(reminders.size() * 2);
        reminders.forEach(r -> byId.put(r.repeatabilityId(), r));
        return byId;
    }
}
