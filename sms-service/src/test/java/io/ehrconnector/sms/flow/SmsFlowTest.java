package io.ehrconnector.sms.flow;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.AppointmentEvent.Status;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.SmsDelivery.MessageType;
import io.ehrconnector.events.SmsDelivery.Outcome;
import io.ehrconnector.events.Topics;
import io.ehrconnector.sms.messages.RepeatabilityIds;
import io.ehrconnector.sms.optout.OptOutLedger;
import io.ehrconnector.support.links.JoinLink;
import io.ehrconnector.support.links.JoinLinkTokens;
import io.ehrconnector.support.phone.PhoneCipher;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.SentSms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appointment events in, texts out: through the real broker, the real database and the ACS SMS SDK against the HTTPS ACS
 * stand-in, asserting exactly what ACS received and what the service announced.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(AcsResource.class)
class SmsFlowTest {

    static final String SENDER = "+18005550199";
    /** The test profile limits this number to 3 texts a minute. */
    static final String LIMITED_SENDER = "+18005550177";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern JOIN_LINK = Pattern.compile("https://teams-ehr\\.test\\.example/v/([A-Za-z0-9_-]+)");
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000));
    private static KafkaTestClient kafka;

    @InjectStandIn
    AcsStandIn acs;

    @Inject
    PhoneCipher cipher;

    @Inject
    JoinLinkTokens joinLinks;

    @Inject
    OptOutLedger optOuts;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aBookingIsConfirmedWithItsJoinLinkAndRemindedWhenDue() {
        String configuration = smsConfiguration(SENDER, List.of(Duration.ofHours(24), Duration.ofHours(1)));
        String patient = usNumber();
        String home = usNumber();
        // The one-hour reminder comes due in 3 seconds; the 24-hour one has passed and is not sent.
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).plusSeconds(3);
        String eventId = book(configuration, "4711", start, Map.of(patient, EncryptedPhone.Use.MOBILE,
                home, EncryptedPhone.Use.HOME));

        // Both texts by their words: a slow start can put the confirmation in the same batch as the reminder.
        List<SentSms> both = awaitSent(patient, 2);
        SentSms confirmation = textStarting(both, "Northwind Health: your video visit is booked for ");
        SentSms reminder = textStarting(both, "Northwind Health: reminder of your video visit ");
        assertEquals(SENDER, confirmation.from());
        assertTrue(confirmation.deliveryReportRequested());
        assertEquals(RepeatabilityIds.of(configuration, "4711", MessageType.CONFIRMATION_SCHEDULED, 0, eventId).toString(),
                confirmation.repeatabilityRequestId());
        JoinLink link = joinLinks.verify(joinToken(confirmation.message()));
        assertEquals(configuration, link.configurationId());
        assertEquals("4711", link.appointmentId());
        assertTrue(link.expiresAt().isAfter(start.plusMinutes(30).toInstant()));

        assertTrue(reminder.receivedAt().isAfter(start.minusHours(1).toInstant().minusMillis(100)), "not before it was due");
        assertEquals(RepeatabilityIds.of(configuration, "4711", MessageType.REMINDER, 3600,
                start.toInstant().toString()).toString(), reminder.repeatabilityRequestId());
        assertTrue(acs.sentMessages().stream().noneMatch(sms -> sms.to().equals(home)), "only the mobile number");

        List<SmsDelivery> announced = awaitDeliveries(configuration, "4711", 2);
        assertEquals(List.of(Outcome.SENT, Outcome.SENT), announced.stream().map(SmsDelivery::outcome).toList());
        SmsDelivery confirmed = announced.stream()
                .filter(delivery -> delivery.messageType() == MessageType.CONFIRMATION_SCHEDULED).findFirst().orElseThrow();
        assertEquals(confirmation.messageId(), confirmed.providerMessageId());
        SmsDelivery reminded = announced.stream()
                .filter(delivery -> delivery.messageType() == MessageType.REMINDER).findFirst().orElseThrow();
        assertEquals(Duration.ofHours(1), reminded.reminderOffset());
        assertEquals(reminder.messageId(), reminded.providerMessageId());
        // Delivered texts stay recorded; the reminder 24 hours before had passed when the visit was booked.
        assertEquals(0L, count("select count(*) from sms_message where configuration_id = ? and reminder_offset_s = 86400",
                configuration));
    }

    @Test
    void aRescheduleConfirmsTheNewTimeAndMovesTheReminders() {
        String configuration = smsConfiguration(SENDER, List.of(Duration.ofHours(24)));
        String patient = usNumber();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).truncatedTo(ChronoUnit.MINUTES);
        book(configuration, "5001", start, Map.of(patient, EncryptedPhone.Use.MOBILE));
        awaitSent(patient, 1);

        OffsetDateTime later = start.plusDays(1);
        publish(EventType.APPOINTMENT_RESCHEDULED, appointment(configuration, "5001", later, Status.BOOKED,
                Map.of(patient, EncryptedPhone.Use.MOBILE)));
        SentSms updated = awaitSent(patient, 2).get(1);
        assertTrue(updated.message().contains("your video visit has changed"), updated.message());

        Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from sms_message where configuration_id = ?"
                + " and message_type = 'REMINDER' and state = 'WITHDRAWN' and occasion = ?", configuration,
                start.toInstant().toString()) == 1);
        assertEquals(1L, count("select count(*) from sms_message where configuration_id = ? and message_type = 'REMINDER'"
                + " and state = 'PENDING' and occasion = ?", configuration, later.toInstant().toString()));
    }

    @Test
    void aCancellationIsTextedWithoutALinkAndThenTheNumberIsGone() {
        String configuration = smsConfiguration(SENDER, List.of(Duration.ofHours(24)));
        String patient = usNumber();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);
        book(configuration, "6001", start, Map.of(patient, EncryptedPhone.Use.MOBILE));
        awaitSent(patient, 1);

        publish(EventType.APPOINTMENT_CANCELLED, appointment(configuration, "6001", start, Status.CANCELLED,
                Map.of(patient, EncryptedPhone.Use.MOBILE)));
        SentSms cancelled = awaitSent(patient, 2).get(1);
        assertTrue(cancelled.message().contains("is cancelled"), cancelled.message());
        assertFalse(cancelled.message().contains("http"), cancelled.message());

        Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from sms_recipient where configuration_id = ?",
                configuration) == 0);
        assertEquals(0L, count("select count(*) from sms_message where configuration_id = ? and state = 'PENDING'",
                configuration));
    }

    @Test
    void theNumberIsErasedWhenTheVisitStartsAndNoCopyIsLeftAnywhere() {
        String configuration = smsConfiguration(SENDER, List.of());
        String patient = usNumber();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4);
        AppointmentEvent event = appointment(configuration, "7001", start, Status.BOOKED,
                Map.of(patient, EncryptedPhone.Use.MOBILE));
        publish(EventType.APPOINTMENT_SCHEDULED, event);
        awaitSent(patient, 1);
        assertEquals(1L, count("select count(*) from sms_recipient where configuration_id = ?", configuration));

        Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from sms_recipient where configuration_id = ?",
                configuration) == 0);
        String ciphertext = event.patientPhones().getFirst().ciphertext();
        for (Map<String, Object> column : ServiceDatabase.query("select table_name, column_name from"
                + " information_schema.columns where table_schema = 'public' and data_type in ('text', 'character varying')")) {
            String sql = "select count(*) from " + column.get("table_name") + " where " + column.get("column_name")
                    + " like ? or " + column.get("column_name") + " like ?";
            assertEquals(0L, count(sql, "%" + ciphertext + "%", "%" + patient.substring(2) + "%"), sql);
        }
    }

    @Test
    void optedOutNonUsAndSmsOffPatientsGetNothingAndEachDecisionIsAnnouncedOnce() throws Throwable {
        String configuration = smsConfiguration(SENDER, List.of());
        String optedOut = usNumber();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> optOuts.optOut(SENDER, optedOut)));
        book(configuration, "8001", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), Map.of(optedOut, EncryptedPhone.Use.MOBILE));
        book(configuration, "8002", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                Map.of("+14165550123", EncryptedPhone.Use.MOBILE));
        book(configuration, "8003", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), Map.of());

        assertEquals(SmsDelivery.Reason.OPTED_OUT, awaitDeliveries(configuration, "8001", 1).getFirst().reason());
        assertEquals(SmsDelivery.Reason.NOT_US_NUMBER, awaitDeliveries(configuration, "8002", 1).getFirst().reason());
        assertEquals(SmsDelivery.Reason.NO_MOBILE_NUMBER, awaitDeliveries(configuration, "8003", 1).getFirst().reason());

        String switchedOff = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.publish(kafka, snapshot(switchedOff,
                new ConfigurationSnapshot.SmsSettings(false, true, SENDER, true, true, true, List.of(Duration.ofHours(1)))));
        String patient = usNumber();
        book(switchedOff, "8004", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), Map.of(patient, EncryptedPhone.Use.MOBILE));
        List<SmsDelivery> off = awaitDeliveries(switchedOff, "8004", 2);
        assertTrue(off.stream().allMatch(delivery -> delivery.reason() == SmsDelivery.Reason.SMS_DISABLED), off.toString());
        assertEquals(0L, count("select count(*) from sms_recipient where configuration_id = ?", switchedOff));

        assertTrue(acs.sentMessages().stream().noneMatch(sms -> sms.to().equals(optedOut) || sms.to().equals(patient)
                || sms.to().equals("+14165550123")));
        assertEquals(1, deliveries(configuration, "8001").size(), "announced once");
    }

    @Test
    void temporaryAcsFailuresAreRetriedWithoutEverSendingTwice() {
        String configuration = smsConfiguration(SENDER, List.of());
        String patient = usNumber();
        acs.failNextSends(2, 429);
        acs.failNextSendsAfterAccepting(1, 503);
        book(configuration, "9001", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), Map.of(patient, EncryptedPhone.Use.MOBILE));

        SmsDelivery sent = awaitDeliveries(configuration, "9001", 1).getFirst();
        assertEquals(Outcome.SENT, sent.outcome());
        List<SentSms> toPatient = acs.sentMessages().stream().filter(sms -> sms.to().equals(patient)).toList();
        assertEquals(1, toPatient.stream().filter(sms -> !sms.repeat()).count(), toPatient.toString());
        assertTrue(count("select attempts from sms_message where configuration_id = ?", configuration) >= 2);
    }

    @Test
    void aSendingNumberNeverExceedsItsRateLimit() throws InterruptedException {
        String configuration = smsConfiguration(LIMITED_SENDER, List.of());
        for (int i = 0; i < 5; i++) {
            book(configuration, "10" + i, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                    Map.of(usNumber(), EncryptedPhone.Use.MOBILE));
        }
        Awaitility.await().atMost(WAIT).until(() -> fromLimitedSender() == 3);
        Thread.sleep(3_000);
        assertEquals(3, fromLimitedSender());
        assertEquals(2L, count("select count(*) from sms_message where configuration_id = ? and state = 'PENDING'",
                configuration));
    }

    private long fromLimitedSender() {
        return acs.sentMessages().stream().filter(sms -> sms.from().equals(LIMITED_SENDER)).count();
    }

    private String smsConfiguration(String sender, List<Duration> reminderOffsets) {
        String id = UUID.randomUUID().toString();
        ApprovedConfigurationFixture.publish(kafka, snapshot(id,
                new ConfigurationSnapshot.SmsSettings(true, true, sender, true, true, true, reminderOffsets)));
        return id;
    }

    private static ConfigurationSnapshot snapshot(String id, ConfigurationSnapshot.SmsSettings sms) {
        return new ConfigurationSnapshot(id, UUID.randomUUID().toString(), ConfigurationSnapshot.Environment.TEST,
                "https://ehr.example.org/" + id + "/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED,
                System.currentTimeMillis(), "Northwind Health", "America/Chicago", sms, null, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Publishes an S12 for the appointment; returns the event id. */
    private String book(String configuration, String appointmentId, OffsetDateTime start, Map<String, EncryptedPhone.Use> phones) {
        return publish(EventType.APPOINTMENT_SCHEDULED, appointment(configuration, appointmentId, start, Status.BOOKED, phones));
    }

    private AppointmentEvent appointment(String configuration, String appointmentId, OffsetDateTime start, Status status,
                                         Map<String, EncryptedPhone.Use> phones) {
        String context = PhoneCipher.appointmentContext(configuration, appointmentId);
        List<EncryptedPhone> encrypted = phones.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(phone -> cipher.encrypt(phone.getValue(), phone.getKey(), context)).toList();
        return new AppointmentEvent(configuration, appointmentId, start, start.plusMinutes(30), status, "DEP-1",
                List.of("PROV-1"), encrypted, "en-US", "MSG-" + UUID.randomUUID(), "EPIC", "NORTHWIND");
    }

    private static String publish(EventType type, AppointmentEvent event) {
        String key = Topics.visitKey(event.configurationId(), event.appointmentId());
        CloudEvent<AppointmentEvent> cloudEvent = CloudEvent.of(type, CloudEvent.serviceSource("hl7-ingest-service"), key,
                OffsetDateTime.now(ZoneOffset.UTC), event);
        kafka.send(key, cloudEvent);
        return cloudEvent.id();
    }

    private List<SentSms> awaitSent(String to, int count) {
        return Awaitility.await().atMost(WAIT).until(
                () -> acs.sentMessages().stream().filter(sms -> sms.to().equals(to) && !sms.repeat()).toList(),
                sent -> sent.size() >= count);
    }

    private static SentSms textStarting(List<SentSms> sent, String prefix) {
        return sent.stream().filter(sms -> sms.message().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no text starting with '" + prefix + "' in " + sent));
    }

    private static List<SmsDelivery> awaitDeliveries(String configuration, String appointmentId, int count) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> deliveries(configuration, appointmentId), found -> found.size() >= count);
    }

    private static List<SmsDelivery> deliveries(String configuration, String appointmentId) {
        return kafka.readAll(Topics.SMS_DELIVERIES).stream()
                .filter(record -> record.key().equals(Topics.visitKey(configuration, appointmentId)))
                .map(record -> CloudEventCodec.fromJson(record.value(), SmsDelivery.class).data())
                .toList();
    }

    private static String joinToken(String text) {
        Matcher matcher = JOIN_LINK.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }

    /** A patient number no other test of the run uses (the stand-in is shared, and its records are matched by number). */
    private static String usNumber() {
        return "+1312555" + String.format("%04d", NEXT_NUMBER.getAndIncrement() % 10_000);
    }

    private static long count(String sql, Object... parameters) {
        return ((Number) ServiceDatabase.value(sql, parameters)).longValue();
    }
}
