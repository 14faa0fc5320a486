package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.MalformedEventException;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.sms.messages.MessageState;
import io.ehrconnector.sms.messages.RepeatabilityIds;
import io.ehrconnector.sms.messages.SmsDeliveryEvents;
import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.ehrconnector.sms.plan.KnownAppointment;
import io.ehrconnector.sms.plan.MessagePlanner;
import io.ehrconnector.sms.plan.Plan;
import io.ehrconnector.sms.plan.PlannedMessage;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.inbox.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * Applies one appointment event: remembers the appointment, plans its texts ({@link MessagePlanner}), withdraws the ones it
 * made moot, keeps or erases the patient's number, and announces texts decided against at once. One transaction per event,
 * idempotent on the event id; the appointment row is locked, so two replicas never plan one appointment at the same time.
 */
@ApplicationScoped
class AppointmentIntake {

    static final String CONSUMER = "sms-appointment-intake";
    /** A cancellation text keeps the number at most this long, even when it cannot be sent. */
    static final Duration CANCELLATION_TEXT_GRACE = Duration.ofHours(1);
    private static final Set<EventType> APPOINTMENT_TYPES = EnumSet.of(EventType.APPOINTMENT_SCHEDULED,
            EventType.APPOINTMENT_RESCHEDULED, EventType.APPOINTMENT_UPDATED, EventType.APPOINTMENT_CANCELLED,
            EventType.APPOINTMENT_DELETED, EventType.APPOINTMENT_NO_SHOW);

    private final ProcessedEventRepository processedEvents;
    private final KnownConfigurationRepository configurations;
    private final SmsAppointmentRepository appointments;
    private final SmsRecipientRepository recipients;
    private final SmsMessageRepository messages;
    private final SmsDeliveryEvents deliveries;

    AppointmentIntake(ProcessedEventRepository processedEvents, KnownConfigurationRepository configurations,
                      SmsAppointmentRepository appointments, SmsRecipientRepository recipients,
                      SmsMessageRepository messages, SmsDeliveryEvents deliveries) {
        this.processedEvents = processedEvents;
        this.configurations = configurations;
        this.appointments = appointments;
        this.recipients = recipients;
        this.messages = messages;
        this.deliveries = deliveries;
    }

    /** Applies one record of the appointments topic; a malformed record fails with the reason (to be dead-lettered). */
    Uni<Void> apply(String recordValue) {
        CloudEvent<AppointmentEvent> event = CloudEventCodec.fromJson(recordValue, AppointmentEvent.class);
        EventType type = EventType.fromType(event.type()).filter(APPOINTMENT_TYPES::contains)
                .orElseThrow(() -> new MalformedEventException("not an appointment event type: " + event.type()));
        AppointmentEvent appointment = event.data();
        return Panache.withTransaction(() -> processedEvents.firstDelivery(CONSUMER, event.id())
                .flatMap(first -> first ? applyFirst(type, event.id(), appointment) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> applyFirst(EventType type, String eventId, AppointmentEvent event) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return configurations.findById(event.configurationId()).map(known -> snapshotOf(known, event.configurationId()))
                .flatMap(configuration -> appointments.findForUpdate(event.configurationId(), event.appointmentId())
                        .map(previous -> previous == null ? null : new KnownAppointment(previous.startsAt, previous.status))
                        .flatMap(previous -> {
                            Plan plan = MessagePlanner.plan(type, eventId, event, previous, configuration, now);
                            String sendingNumber = configuration == null || configuration.sms() == null ? null
                                    : configuration.sms().sendingNumber();
                            return appointments.store(event, now)
                                    .flatMap(stored -> messages.withdrawPending(event.configurationId(),
                                            event.appointmentId(), plan.keepRemindersFor(), plan.withdrawConfirmations()))
                                    .flatMap(withdrawn -> addAll(event, plan, sendingNumber, now))
                                    .flatMap(added -> recipient(event, plan.recipient(), now)).replaceWithVoid();
                        }));
    }

    private Uni<Void> addAll(AppointmentEvent event, Plan plan, String sendingNumber, OffsetDateTime now) {
        return Multi.createFrom().iterable(plan.messages())
                .onItem().transformToUniAndConcatenate(planned -> add(event, planned, sendingNumber, now))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> add(AppointmentEvent event, PlannedMessage planned, String sendingNumber, OffsetDateTime now) {
        SmsMessage message = new SmsMessage();
        message.configurationId = event.configurationId();
        message.appointmentId = event.appointmentId();
        message.messageType = planned.type();
        message.reminderOffsetSeconds = planned.isReminder() ? planned.reminderOffset().toSeconds() : 0;
        message.occasion = planned.occasion();
        message.repeatabilityId = RepeatabilityIds.of(message.configurationId, message.appointmentId, message.messageType,
                message.reminderOffsetSeconds, message.occasion);
        message.sendingNumber = planned.notSent() == null ? sendingNumber : null;
        message.dueAt = planned.dueAt();
        message.state = planned.notSent() == null ? MessageState.PENDING : MessageState.NOT_SENT;
        message.reason = planned.notSent();
        message.createdAt = now;
        return messages.addPlanned(message).flatMap(added -> added && planned.notSent() != null
                ? deliveries.announce(message, SmsDelivery.Outcome.NOT_SENT, planned.notSent(), null, now)
                : Uni.createFrom().voidItem());
    }

    private Uni<Integer> recipient(AppointmentEvent event, Plan.RecipientAction action, OffsetDateTime now) {
        String configurationId = event.configurationId();
        String appointmentId = event.appointmentId();
        EncryptedPhone mobile = event.patientPhones().stream().filter(phone -> phone.use() == EncryptedPhone.Use.MOBILE)
                .findFirst().orElse(null);
        return switch (action) {
            case KEEP_UNTIL_START -> mobile == null ? recipients.erase(configurationId, appointmentId)
                    : recipients.keep(configurationId, appointmentId, mobile, event.start());
            case KEEP_FOR_CANCELLATION_TEXT -> {
                OffsetDateTime eraseAt = min(event.start(), now.plus(CANCELLATION_TEXT_GRACE));
                yield mobile == null ? recipients.eraseBy(configurationId, appointmentId, eraseAt)
                        : recipients.keep(configurationId, appointmentId, mobile, eraseAt);
            }
            case ERASE -> recipients.erase(configurationId, appointmentId);
        };
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * hl7-ingest-service publishes only for configurations it knows, so this service learns of the configuration moments
     * later (the two topics are read independently): an unknown one is a transient failure, retried with backoff, and only
     * when the retries are spent does the event go to the dead-letter topic.
     */
    private static ConfigurationSnapshot snapshotOf(KnownConfiguration known, String configurationId) {
        if (known == null) {
            throw new UnknownConfiguration(configurationId);
        }
        return known.snapshot();
    }

    /** An appointment event for a configuration this service has not heard of (yet). */
    static final class UnknownConfiguration extends RuntimeException {
        UnknownConfiguration(String configurationId) {
            super("configuration " + configurationId + " is not known (yet)", null, false, false);
        }
    }
}
