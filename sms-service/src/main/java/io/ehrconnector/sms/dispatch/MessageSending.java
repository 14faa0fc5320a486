package io.ehrconnector.sms.dispatch;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.SmsDelivery.Outcome;
import io.ehrconnector.events.SmsDelivery.Reason;
import io.ehrconnector.sms.acs.AcsSendResult;
import io.ehrconnector.sms.acs.AcsSms;
import io.ehrconnector.sms.appointments.SmsAppointment;
import io.ehrconnector.sms.appointments.SmsRecipientRepository;
import io.ehrconnector.sms.dispatch.BatchVisits.Visit;
import io.ehrconnector.sms.messages.MessageState;
import io.ehrconnector.sms.messages.SmsDeliveryEvents;
import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.sms.messages.SmsMessageRepository;
import io.ehrconnector.sms.optout.OptOutLedger;
import io.ehrconnector.sms.text.JoinLinkUrls;
import io.ehrconnector.sms.text.SmsTexts;
import io.ehrconnector.support.phone.PhoneCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends a claimed batch of texts: reads their visits in one session ({@link BatchVisits}), checks each again
 * ({@link DueCheck}), decrypts the numbers only in memory, checks country and opt-out (one query per sending number),
 * hands the rest to ACS at once (bounded concurrency) with their repeatability ids, and settles the whole batch, with the
 * announcements, in one transaction. A crash before that transaction leaves the texts to their lease: they are sent again
 * with the same ids, which ACS answers without sending twice.
 */
@ApplicationScoped
class MessageSending {

    private final BatchVisits visits;
    private final SmsRecipientRepository recipients;
    private final SmsMessageRepository messages;
    private final SmsDeliveryEvents deliveries;
    private final OptOutLedger optOuts;
    private final PhoneCipher cipher;
    private final JoinLinkUrls joinLinks;
    private final AcsSms acs;
    private final DispatchSettings settings;

    MessageSending(BatchVisits visits, SmsRecipientRepository recipients, SmsMessageRepository messages,
                   SmsDeliveryEvents deliveries, OptOutLedger optOuts, PhoneCipher cipher, JoinLinkUrls joinLinks,
                   AcsSms acs, DispatchSettings settings) {
        this.visits = visits;
        this.recipients = recipients;
        this.messages = messages;
        this.deliveries = deliveries;
        this.optOuts = optOuts;
        this.cipher = cipher;
        this.joinLinks = joinLinks;
        this.acs = acs;
        this.settings = settings;
    }

    /** What becomes of one text of the batch. */
    private sealed interface Settlement {
        SmsMessage message();
    }

    /** Settled for good, and announced. */
    private record Settle(SmsMessage message, MessageState state, Reason reason, String providerMessageId)
            implements Settlement {
    }

    /** Back to waiting, until {@code at}, for {@code sendingNumber}'s budget. */
    private record Requeue(SmsMessage message, OffsetDateTime at, String sendingNumber) implements Settlement {
    }

    /** A text cleared for ACS: the number in clear lives only here, in memory. */
    private record Outgoing(SmsMessage message, Visit visit, String to) {
    }

    Uni<Void> sendAll(List<SmsMessage> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Settlement> settled = new ArrayList<>();
        return Panache.withSession(() -> visits.of(batch).flatMap(visitOf -> cleared(batch, visitOf, settled)))
                .flatMap(outgoing -> Multi.createFrom().iterable(outgoing)
                        .onItem().transformToUni(this::send).merge(settings.concurrency())
                        .collect().asList())
                .flatMap(sent -> {
                    settled.addAll(sent);
                    return Panache.withTransaction(() -> Multi.createFrom().iterable(settled)
                            .onItem().transformToUniAndConcatenate(this::apply)
                            .collect().last());
                })
                .replaceWithVoid();
    }

    /** The texts that may go to ACS; the others' settlements are added to {@code settled}. */
    private Uni<List<Outgoing>> cleared(List<SmsMessage> batch, Map<Long, Visit> visitOf, List<Settlement> settled) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Outgoing> candidates = new ArrayList<>();
        for (SmsMessage message : batch) {
            Visit visit = visitOf.get(message.id);
            switch (DueCheck.of(message, visit.appointment(), visit.configuration(), visit.recipient() != null, now)) {
                case DueCheck.Skip skip -> settled.add(new Settle(message, MessageState.NOT_SENT, skip.reason(), null));
                case DueCheck.MoveTo move -> settled.add(new Requeue(message, now, move.sendingNumber()));
                case DueCheck.Proceed ignored -> {
                    String to = decrypt(message, visit);
                    if (to == null) {
                        settled.add(new Settle(message, MessageState.NOT_SENT, Reason.OTHER, null));
                    } else if (!UsNumbers.isUs(to)) {
                        settled.add(new Settle(message, MessageState.NOT_SENT, Reason.NOT_US_NUMBER, null));
                    } else {
                        candidates.add(new Outgoing(message, visit, to));
                    }
                }
            }
        }
        Map<String, List<Outgoing>> byNumber = candidates.stream()
                .collect(Collectors.groupingBy(outgoing -> outgoing.message().sendingNumber));
        return Multi.createFrom().iterable(byNumber.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> optOuts.optedOutAmong(entry.getKey(),
                                entry.getValue().stream().map(Outgoing::to).toList())
                        .map(optedOut -> notOptedOut(entry.getValue(), optedOut, settled)))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private static List<Outgoing> notOptedOut(List<Outgoing> outgoing, Set<String> optedOut, List<Settlement> settled) {
        List<Outgoing> cleared = new ArrayList<>();
        for (Outgoing text : outgoing) {
            if (optedOut.contains(text.to())) {
                settled.add(new Settle(text.message(), MessageState.NOT_SENT, Reason.OPTED_OUT, null));
            } else {
                cleared.add(text);
            }
        }
        return cleared;
    }

    private String decrypt(SmsMessage message, Visit visit) {
        try {
            return cipher.decrypt(visit.recipient().phone(),
                    PhoneCipher.appointmentContext(message.configurationId, message.appointmentId));
        } catch (PhoneCipher.UndecryptablePhone e) {
            Log.warnf("text %d: the patient's number does not decrypt (%s); not sent", message.id, e.getMessage());
            return null;
        }
    }

    private Uni<Settlement> send(Outgoing outgoing) {
        SmsMessage message = outgoing.message();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (now.isAfter(claimedAt(message).plus(settings.maxSendDelay()))) {
            // Sent now, it could reach ACS outside the window its claim was counted in (see RateLimitedClaims).
            return Uni.createFrom().item(new Requeue(message, now, message.sendingNumber));
        }
        return acs.send(message.sendingNumber, outgoing.to(), words(message, outgoing.visit()), message.repeatabilityId,
                        message.dueAt, true)
                .map(result -> afterAcs(message, outgoing.visit(), result));
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

    private Settlement afterAcs(SmsMessage message, Visit visit, AcsSendResult result) {
        return switch (result.kind()) {
            case ACCEPTED -> new Settle(message, MessageState.SENT, null, result.messageId());
            case INVALID_NUMBER -> new Settle(message, MessageState.FAILED, Reason.INVALID_NUMBER, null);
            case RETRYABLE -> retryOrFail(message, visit, result);
            case REFUSED -> {
                // A refused access key is the operator's to fix; the text waits for it like for an outage.
                if (result.httpStatus() == 401 || result.httpStatus() == 403) {
                    yield retryOrFail(message, visit, result);
                }
                Log.warnf("text %d refused by ACS (HTTP %d %s)", message.id, result.httpStatus(), result.errorCode());
                yield new Settle(message, MessageState.FAILED, Reason.SERVICE_ERROR, null);
            }
        };
    }

    private Settlement retryOrFail(SmsMessage message, Visit visit, AcsSendResult result) {
        OffsetDateTime retryAt = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff(message.attempts));
        if (message.attempts >= settings.maxAttempts() || !retryAt.isBefore(visit.appointment().startsAt)) {
            Log.warnf("text %d failed after %d attempts (last: HTTP %d %s)", message.id, message.attempts,
                    result.httpStatus(), result.errorCode());
            return new Settle(message, MessageState.FAILED, Reason.SERVICE_ERROR, null);
        }
        return new Requeue(message, retryAt, message.sendingNumber);
    }

    /** Doubling from the first backoff, capped, with up to 20% jitter so replicas do not retry in step. */
    Duration backoff(int attempts) {
        Duration base = settings.firstBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        Duration capped = base.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : base;
        return capped.plusMillis((long) (capped.toMillis() * 0.2 * Math.random()));
    }

    /**
     * Records one settlement in the batch's transaction. A settled text is announced; once a cancellation text is settled,
     * the number is erased unless a text is still pending (the visit was booked again meanwhile).
     */
    private Uni<Void> apply(Settlement settlement) {
        SmsMessage message = settlement.message();
        return switch (settlement) {
            case Requeue requeue -> messages.retryAt(message.id, requeue.at(), requeue.sendingNumber()).replaceWithVoid();
            case Settle settle -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                yield messages.settle(message.id, settle.state(), settle.reason(), settle.providerMessageId(), now)
                        .flatMap(changed -> changed == 0 ? Uni.createFrom().voidItem()
                                : deliveries.announce(message, outcome(settle.state()), settle.reason(),
                                        settle.providerMessageId(), now))
                        .flatMap(announced -> message.messageType == SmsDelivery.MessageType.CONFIRMATION_CANCELLED
                                ? recipients.eraseUnlessPending(message.configurationId, message.appointmentId)
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem());
            }
        };
    }

    private static Outcome outcome(MessageState state) {
        return switch (state) {
            case SENT -> Outcome.SENT;
            case FAILED -> Outcome.FAILED;
            default -> Outcome.NOT_SENT;
        };
    }
}
