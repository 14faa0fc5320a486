package io.ehrconnector.hl7ingest.intake;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.Topics;
import io.ehrconnector.hl7ingest.ack.Acknowledgements;
import io.ehrconnector.hl7ingest.ack.Acknowledgements.Outcome;
import io.ehrconnector.hl7ingest.config.Hl7Config;
import io.ehrconnector.hl7ingest.events.AppointmentEvents;
import io.ehrconnector.hl7ingest.routing.Credential;
import io.ehrconnector.hl7ingest.routing.Router;
import io.ehrconnector.hl7ingest.siu.AppointmentIdField;
import io.ehrconnector.hl7ingest.siu.InvalidSiu;
import io.ehrconnector.hl7ingest.siu.SiuAppointment;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.ehrconnector.hl7ingest.siu.SiuReader;
import io.ehrconnector.support.Failures;
import io.ehrconnector.support.events.KafkaCloudEvents;
import io.ehrconnector.support.phone.PhoneCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One HL7 frame in, its acknowledgement out, whatever the transport: authenticated sender first (nothing is parsed before),
 * then parse, route to the sender's approved configuration, read the SIU, publish the appointment event and wait for
 * Kafka's acknowledgement (acks=all, idempotent producer) before answering AA. A resend of an acknowledged message is
 * answered AA without a second event. Every refusal gets its negative acknowledgement and a record on the dead-letter topic.
 */
@ApplicationScoped
public class Hl7Intake {

    public static final String CHANNEL = "appointments";

    /**
     * Who is on the other end, as the transport authenticated it.
     *
     * @param credential      what the transport proved
     * @param description     for logs and dead letters (e.g. {@code mllp 10.0.0.5:40312}), never message content
     * @param answersRequired the transport must answer every message (HTTPS): refusals are acknowledged even when MSH-15
     *                        asks for no acknowledgement, as an empty answer would read as success
     */
    public record Sender(Credential credential, String description, boolean answersRequired) {
    }

    private final SiuReader reader;
    private final Acknowledgements acks;
    private final Router router;
    private final ReceivedMessages received;
    private final RefusedFrames refused;
    private final PhoneCipher cipher;
    private final MutinyEmitter<String> emitter;
    private final MeterRegistry meters;
    private final Timer ackLatency;
    private final Duration publishTimeout = Duration.ofSeconds(10);
    private final RecentlyPublished recentlyPublished;
    private final Map<String, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    Hl7Intake(Hl7Config config, Router router, ReceivedMessages received, RefusedFrames refused, PhoneCipher cipher,
              @Channel(CHANNEL) MutinyEmitter<String> emitter, MeterRegistry meters) {
        this.recentlyPublished = new RecentlyPublished(100_000, config.hl7().resendWindow());
        this.reader = new SiuReader(config.hl7().appointmentIdFields().stream().map(AppointmentIdField::parse).toList());
        this.acks = new Acknowledgements(reader);
        this.router = router;
        this.received = received;
        this.refused = refused;
        this.cipher = cipher;
        this.emitter = emitter;
        this.meters = meters;
        this.ackLatency = Timer.builder("hl7.ack.latency").description("From a whole frame to its acknowledgement")
                .publishPercentileHistogram().register(meters);
    }

    /** The acknowledgement to send back (empty when the message's MSH-15 asks for none). Never fails. */
    public Uni<Optional<String>> handle(byte[] frame, Sender sender) {
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> process(frame, sender))
                .onFailure().recoverWithUni(e -> {
                    Log.errorf("HL7 frame from %s failed unexpectedly: %s", sender.description(), Failures.classChain(e));
                    return refuse(frame, sender, null, InvalidSiu.APPLICATION_INTERNAL_ERROR, "internal error; resend later")
                            .map(Optional::of);
                })
                .invoke(ack -> ackLatency.record(Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * The AR for a frame over the size limit, from the first bytes the transport kept (echoed only to an authenticated
     * sender). Never fails.
     */
    public Uni<Optional<String>> oversized(byte[] head, long size, int limit, Sender sender) {
        String reason = "frame larger than " + limit + " bytes";
        count("oversized", Integer.toString(InvalidSiu.SEGMENT_SEQUENCE_ERROR));
        return router.refusalBeforeParsing(sender.credential())
                .onFailure().recoverWithItem(Optional.of("not checked"))
                .flatMap(refusal -> refused.record(head, size, sender.description(), null, InvalidSiu.SEGMENT_SEQUENCE_ERROR,
                                reason)
                        .replaceWith(Optional.of(acks.unparseable(refusal.isEmpty()
                                ? new String(head, StandardCharsets.UTF_8) : "", InvalidSiu.SEGMENT_SEQUENCE_ERROR, reason))));
    }

    private Uni<Optional<String>> process(byte[] frame, Sender sender) {
        return router.refusalBeforeParsing(sender.credential()).flatMap(refusal -> refusal.isPresent()
                ? refuse(frame, sender, null, InvalidSiu.UNKNOWN_KEY_IDENTIFIER, "not authenticated: " + refusal.get())
                        .map(Optional::of)
                : read(frame, sender));
    }

    private Uni<Optional<String>> read(byte[] frame, Sender sender) {
        String text = new String(frame, StandardCharsets.UTF_8);
        Message message;
        long parsing = System.nanoTime();
        try {
            message = reader.parse(text);
            stage("parse", parsing);
        } catch (HL7Exception | RuntimeException e) {
            count("unparseable", "none");
            return refused.record(frame, frame.length, sender.description(), null, InvalidSiu.SEGMENT_SEQUENCE_ERROR,
                            "the frame is not a parseable HL7 v2 message")
                    .replaceWith(Optional.of(acks.unparseable(text, InvalidSiu.SEGMENT_SEQUENCE_ERROR,
                            "the frame is not a parseable HL7 v2 message")));
        }
        SiuHeader header;
        try {
            header = reader.header(message);
        } catch (InvalidSiu e) {
            return negative(frame, sender, message, null, e);
        }
        return router.route(sender.credential(), header).flatMap(configuration -> {
            SiuAppointment appointment;
            try {
                appointment = reader.read(message, ZoneId.of(configuration.timeZone()));
            } catch (InvalidSiu e) {
                return negative(frame, sender, message, header, e);
            }
            return durable(configuration, header, appointment)
                    .map(ignored -> acks.accepted(text, header))
                    .onFailure().recoverWithUni(e -> {
                        Log.warnf("HL7 message %s from %s not made durable: %s", header.controlId(), sender.description(),
                                Failures.classChain(e));
                        count(appointment.eventType().type(), "not-durable");
                        return refused.record(frame, frame.length, sender.description(), header.controlId(),
                                        InvalidSiu.APPLICATION_INTERNAL_ERROR, "not made durable (Kafka); resend")
                                .replaceWith(acks.refused(message, header, Outcome.REJECTED,
                                        InvalidSiu.APPLICATION_INTERNAL_ERROR, "the message could not be stored now; resend it",
                                        sender.answersRequired()));
                    });
        }).onFailure(InvalidSiu.class).recoverWithUni(e -> negative(frame, sender, message, header, (InvalidSiu) e));
    }

    /**
     * Publishes the event unless this message was published before; completes when it is durable. The ledger row is claimed
     * first (one statement on the ACK's path); its "published" mark is started once Kafka acknowledged the event and not
     * waited for: if it is lost, a resend publishes the same event id again, which consumers drop.
     */
    private Uni<Void> durable(ConfigurationSnapshot configuration, SiuHeader header, SiuAppointment appointment) {
        String configurationId = configuration.configurationId();
        String key = RecentlyPublished.key(configurationId, header.sendingApplication(), header.sendingFacility(),
                header.controlId());
        if (recentlyPublished.contains(key)) {
            count(appointment.eventType().type(), "duplicate");
            return Uni.createFrom().voidItem();
        }
        CloudEvent<AppointmentEvent> event = AppointmentEvents.of(configurationId, header, appointment, cipher,
                OffsetDateTime.now(ZoneOffset.UTC));
        long claiming = System.nanoTime();
        return received.claim(configurationId, header.sendingApplication(), header.sendingFacility(), header.controlId(),
                        event.id())
                .invoke(ignored -> stage("ledger-claim", claiming))
                .flatMap(publishedBefore -> {
                    if (publishedBefore) {
                        count(appointment.eventType().type(), "duplicate");
                        return Uni.createFrom().voidItem();
                    }
                    long publishing = System.nanoTime();
                    return emitter.sendMessage(KafkaCloudEvents.message(Topics.APPOINTMENTS, AppointmentEvents.key(event),
                                    CloudEventCodec.toJson(event)))
                            .ifNoItem().after(publishTimeout).fail()
                            .invoke(ignored -> {
                                stage("publish", publishing);
                                count(appointment.eventType().type(), "accepted");
                                recentlyPublished.add(key);
                                received.published(configurationId, header.sendingApplication(), header.sendingFacility(),
                                        header.controlId()).subscribe().with(done -> { }, e -> Log.warnf("ledger entry of %s"
                                        + " not marked published (a resend will publish a copy consumers drop): %s",
                                        event.id(), Failures.classChain(e)));
                            });
                });
    }

    private Uni<Optional<String>> negative(byte[] frame, Sender sender, Message message, SiuHeader header, InvalidSiu e) {
        Outcome outcome = switch (e.code()) {
            case InvalidSiu.UNSUPPORTED_MESSAGE_TYPE, InvalidSiu.UNSUPPORTED_EVENT_CODE, InvalidSiu.UNSUPPORTED_VERSION_ID,
                 InvalidSiu.UNKNOWN_KEY_IDENTIFIER -> Outcome.REJECTED;
            default -> Outcome.CONTENT_ERROR;
        };
        count("refused", Integer.toString(e.code()));
        return refused.record(frame, frame.length, sender.description(), header == null ? null : header.controlId(),
                        e.code(), e.getMessage())
                .replaceWith(acks.refused(message, header, outcome, e.code(), e.getMessage(), sender.answersRequired()));
    }

    private Uni<String> refuse(byte[] frame, Sender sender, String controlId, int code, String reason) {
        count("refused", Integer.toString(code));
        return refused.record(frame, frame.length, sender.description(), controlId, code, reason)
                .replaceWith(acks.unparseable("", code, reason));
    }

    private void stage(String stage, long startedNanos) {
        stageTimers.computeIfAbsent(stage, s -> meters.timer("hl7.stage", "stage", s))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    private void count(String type, String outcome) {
        counters.computeIfAbsent(type + '/' + outcome, k -> meters.counter("hl7.messages", "type", type, "outcome", outcome))
                .increment();
    }
}
