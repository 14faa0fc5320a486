package io.ehrconnector.sms.plan;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.SmsDelivery.MessageType;
import io.ehrconnector.events.SmsDelivery.Reason;
import io.ehrconnector.sms.plan.Plan.RecipientAction;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one appointment event into a {@link Plan}: which confirmation it earns, which reminders the visit needs now, and
 * what becomes of the patient's number. Pure: the caller supplies what was known before and the configuration.
 *
 * <p>Confirmations: a booking gets "scheduled"; a change of start time (or a cancelled visit booked again) gets "updated",
 * and an update that leaves the start alone gets none, because EHRs send S14 for changes the patient never sees; a
 * cancellation or deletion gets "cancelled" unless the visit was already cancelled. Only for visits that have not started.
 * Reminders: one per configured offset whose time is still ahead; a new start time replaces the pending ones.
 */
public final class MessagePlanner {

    private MessagePlanner() {
    }

    /**
     * @param previous      what was known of the appointment before this event, null when nothing
     * @param configuration the configuration's latest snapshot, null when unknown
     */
    public static Plan plan(EventType type, String eventId, AppointmentEvent event, KnownAppointment previous,
                            ConfigurationSnapshot configuration, OffsetDateTime now) {
        AppointmentPhase phase = switch (type) {
            case APPOINTMENT_CANCELLED, APPOINTMENT_DELETED -> AppointmentPhase.CANCELLED;
            case APPOINTMENT_NO_SHOW -> AppointmentPhase.QUIET;
            default -> AppointmentPhase.of(event.status());
        };
        boolean ahead = event.start().isAfter(now);
        Reason blocker = SmsReadiness.blocker(configuration);
        ConfigurationSnapshot.SmsSettings sms = configuration == null ? null : configuration.sms();
        String startOccasion = event.start().toInstant().toString();

        List<PlannedMessage> messages = new ArrayList<>();
        MessageType confirmation = ahead ? confirmation(type, phase, event, previous) : null;
        if (confirmation != null) {
            Reason notSent = blocker != null ? blocker
                    : SmsReadiness.wanted(sms, confirmation, null) ? null : Reason.MESSAGE_TYPE_DISABLED;
            messages.add(new PlannedMessage(confirmation, null, eventId, now, notSent));
        }
        if (phase == AppointmentPhase.ACTIVE && sms != null) {
            for (Duration offset : sms.reminderOffsets()) {
                OffsetDateTime due = event.start().minus(offset);
                if (due.isAfter(now)) {
                    messages.add(new PlannedMessage(MessageType.REMINDER, offset, startOccasion, due, blocker));
                }
            }
        }

        boolean cancellationTextPending = confirmation == MessageType.CONFIRMATION_CANCELLED
                && messages.getFirst().notSent() == null;
        RecipientAction recipient = switch (phase) {
            case ACTIVE -> blocker == null && ahead ? RecipientAction.KEEP_UNTIL_START : RecipientAction.ERASE;
            case CANCELLED -> cancellationTextPending ? RecipientAction.KEEP_FOR_CANCELLATION_TEXT : RecipientAction.ERASE;
            case QUIET -> RecipientAction.ERASE;
        };
        return new Plan(messages, phase == AppointmentPhase.ACTIVE ? startOccasion : null,
                confirmation != null || phase != AppointmentPhase.ACTIVE, recipient);
    }

    private static MessageType confirmation(EventType type, AppointmentPhase phase, AppointmentEvent event,
                                            KnownAppointment previous) {
        AppointmentPhase before = previous == null ? null : AppointmentPhase.of(previous.status());
        return switch (phase) {
            case CANCELLED -> before == AppointmentPhase.CANCELLED ? null : MessageType.CONFIRMATION_CANCELLED;
            case QUIET -> null;
            case ACTIVE -> {
                if (before == null) {
                    yield switch (type) {
                        case APPOINTMENT_SCHEDULED -> MessageType.CONFIRMATION_SCHEDULED;
                        case APPOINTMENT_RESCHEDULED -> MessageType.CONFIRMATION_UPDATED;
                        default -> null;
                    };
                }
                if (before != AppointmentPhase.ACTIVE) {
                    yield type == EventType.APPOINTMENT_SCHEDULED ? MessageType.CONFIRMATION_SCHEDULED
                            : MessageType.CONFIRMATION_UPDATED;
                }
                yield previous.startsAt().isEqual(event.start()) ? null : MessageType.CONFIRMATION_UPDATED;
            }
        };
    }
}
