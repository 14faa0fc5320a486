package io.ehrconnector.sms.dispatch;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.SmsDelivery.Outcome;
import io.ehrconnector.events.SmsDelivery.Reason;
import io.ehrconnector.sms.acs.AcsSendResult;
import io.ehrconnector.sms.acs.AcsSms;
import io.ehrconnector.sms.appointments.AppointmentKey;
import io.ehrconnector.sms.appointments.SmsAppointment;
import io.ehrconnector.sms.appointments.SmsAppointmentRepository;
import io.ehrconnector.sms.appointments.SmsRecipient;
import io.ehrconnector.sms.appointments.SmsRecipientRepository;
import io.ehrconnector.sms.messages.MessageState;
import io.ehrconnector.sms.messages.SmsDeliveryEvents;
import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.ehrconnector.sms.optout.OptOutLedger;
import io.ehrconnector.sms.text.JoinLinkUrls;
import io.ehrconnector.sms.text.SmsTexts;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.ehrconnector.support.phone.PhoneCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Sends one claimed text: checks again that it is still wanted, reads the number, checks opt-out and country, writes the
 * words, hands it to ACS with the text's repeatability id, and settles it (or schedules a retry) with its announcement in
 * one transaction. The number is decrypted only in memory and only here.
 */
@ApplicationScoped
class MessageSending {

    private final SmsAppointmentRepository appointments;
    private final SmsRecipientRepository recipients;
    private final KnownConfigurationRepository configurations;
    private final SmsMessageRepository messages;
    private final SmsDeliveryEvents deliveries;
    private final OptOutLedger optOuts;
    private final PhoneCipher cipher;
    private final JoinLinkUrls joinLinks;
    private final AcsSms acs;
    private final DispatchSettings settings;

    MessageSending(SmsAppointmentRepository appointments, SmsRecipientRepository recipients,
                   KnownConfigurationRepository configurations, SmsMessageRepository messages,
                   SmsDeliveryEvents deliveries, OptOutLedger optOuts, PhoneCipher cipher, JoinLinkUrls joinLinks,
                   AcsSms acs, DispatchSettings settings) {
        this.appointments = appointments;
        this.recipients = recipients;
        this.configurations = configurations;
        this.messages = messages;
        this.deliveries = deliveries;
        this.optOuts = optOuts;
        this.cipher = cipher;
        this.joinLinks = joinLinks;
        this.acs = acs;
        this.settings = settings;
    }

    /** What sending needs to know about the text's visit, read in one session. */
    private record Visit(SmsAppointment appointment, ConfigurationSnapshot configuration, SmsRecipient recipient) {
    }

    /** A text ready for ACS: the number in clear lives only here, in memory. */
    private record Outgoing(String to, String text) {
    }

    Uni<Void> send(SmsMessage message) {
        AppointmentKey key = new AppointmentKey(message.configurationId, message.appointmentId);
        return Panache.withSession(() -> appointments.findById(key)
                        .flatMap(appointment -> configurations.findById(message.configurationId)
                                .map(MessageSending::snapshotOf)
                                .flatMap(configuration -> recipients.findById(key)
                                        .map(recipient -> new Visit(appointment, configuration, recipient)))))
                .flatMap(visit -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    return switch (DueCheck.of(message, visit.appointment(), visit.configuration(),
                            visit.recipient() != null, now)) {
                        case DueCheck.Skip skip -> settle(message, MessageState.NOT_SENT, skip.reason(), null);
                        case DueCheck.MoveTo move -> Panache.withTransaction(() -> messages.retryAt(message.id, now,
                                move.sendingNumber())).replaceWithVoid();
                        case DueCheck.Proceed ignored -> sendTo(message, visit);
                    };
                });
    }

    private Uni<Void> sendTo(SmsMessage message, Visit visit) {
        String to;
        try {
            to = cipher.decrypt(visit.recipient().phone(),
                    PhoneCipher.appointmentContext(message.configurationId, message.appointmentId));
        } catch (PhoneCipher.UndecryptablePhone e) {
            Log.warnf("text %d: the patient's number does not decrypt (%s); not sent", message.id, e.getMessage());
            return settle(message, MessageState.NOT_SENT, Reason.OTHER, null);
        }
        if (!UsNumbers.isUs(to)) {
            return settle(message, MessageState.NOT_SENT, Reason.NOT_US_NUMBER, null);
        }
        String from = message.sendingNumber;
        return Panache.withSession(() -> optOuts.isOptedOut(from, to)).flatMap(optedOut -> {
            if (optedOut) {
                return settle(message, MessageState.NOT_SENT, Reason.OPTED_OUT, null);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (now.isAfter(claimedAt(message).plus(settings.maxSendDelay()))) {
                // Sent now, it could reach ACS outside the window its claim was counted in (see RateLimitedClaims).
                return Panache.withTransaction(() -> messages.retryAt(message.id, now, from)).replaceWithVoid();
            }
            Outgoing outgoing = new Outgoing(to, words(message, visit));
            return acs.send(from, outgoing.to(), outgoing.text(), message.repeatabilityId, message.dueAt, true)
                    .flatMap(result -> afterAcs(message, visit, result));
        });
    }

    /** A claim moves {@code not_before} one lease ahead of the claim's time. */
    private OffsetDateTime claimedAt(SmsMessage message) {
        return message.notBefore.minus(settings.lease());
    }

    private String words(SmsMessage message, Visit visit) {
        SmsAppointment appointment = visit.appointment();
        String joinUrl = message.messageType == SmsDelivery.MessageType.CONFIRMATION_CANCELLED ? null
                : joinLinks.url(message.configurationId, message.appointmentId, appointment.startsAt, appointment.endsAt);
        ConfigurationSnapshot configuration = visit.configuration();
        return SmsTexts.text(message.messageType, appointment.language, configuration.organizationName(),
                appointment.startsAt, ZoneId.of(configuration.timeZone()), joinUrl);
    }

    private Uni<Void> afterAcs(SmsMessage message, Visit visit, AcsSendResult result) {
        return switch (result.kind()) {
            case ACCEPTED -> settle(message, MessageState.SENT, null, result.messageId());
            case INVALID_NUMBER -> settle(message, MessageState.FAILED, Reason.INVALID_NUMBER, null);
            case RETRYABLE -> retryOrFail(message, visit, result);
            case REFUSED -> {
                // A refused access key is the operator's to fix; the text waits for it like for an outage.
                if (result.httpStatus() == 401 || result.httpStatus() == 403) {
                    yield retryOrFail(message, visit, result);
                }
                Log.warnf("text %d refused by ACS (HTTP %d %s)", message.id, result.httpStatus(), result.errorCode());
                yield settle(message, MessageState.FAILED, Reason.SERVICE_ERROR, null);
            }
        };
    }

    private Uni<Void> retryOrFail(SmsMessage message, Visit visit, AcsSendResult result) {
        OffsetDateTime retryAt = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff(message.attempts));
        if (message.attempts >= settings.maxAttempts() || !retryAt.isBefore(visit.appointment().startsAt)) {
            Log.warnf("text %d failed after %d attempts (last: HTTP %d %s)", message.id, message.attempts,
                    result.httpStatus(), result.errorCode());
            return settle(message, MessageState.FAILED, Reason.SERVICE_ERROR, null);
        }
        return Panache.withTransaction(() -> messages.retryAt(message.id, retryAt, message.sendingNumber)).replaceWithVoid();
    }

    /** Doubling from the first backoff, capped, with up to 20% jitter so replicas do not retry in step. */
    Duration backoff(int attempts) {
        Duration base = settings.firstBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        Duration capped = base.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : base;
        return capped.plusMillis((long) (capped.toMillis() * 0.2 * Math.random()));
    }

    /**
     * Settles the text and announces it in one transaction. Once a cancellation text is settled, the number is erased in
     * the same transaction unless a text is still pending (the visit was booked again meanwhile).
     */
    private Uni<Void> settle(SmsMessage message, MessageState state, Reason reason, String providerMessageId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Outcome outcome = switch (state) {
            case SENT -> Outcome.SENT;
            case FAILED -> Outcome.FAILED;
            default -> Outcome.NOT_SENT;
        };
        return Panache.withTransaction(() -> messages.settle(message.id, state, reason, providerMessageId, now)
                .flatMap(settled -> settled == 0 ? Uni.createFrom().voidItem()
                        : deliveries.announce(message, outcome, reason, providerMessageId, now))
                .flatMap(announced -> message.messageType == SmsDelivery.MessageType.CONFIRMATION_CANCELLED
                        ? recipients.eraseUnlessPending(message.configurationId, message.appointmentId).replaceWithVoid()
                        : Uni.createFrom().voidItem()));
    }

    private static ConfigurationSnapshot snapshotOf(KnownConfiguration known) {
        return known == null ? null : known.snapshot();
    }
}
