package io.ehrconnector.sms.dispatch;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.SmsDelivery.Reason;
import io.ehrconnector.sms.appointments.SmsAppointment;
import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.sms.plan.SmsReadiness;

import java.time.OffsetDateTime;

/**
 * What to do with a text that came due, before its number is read: settings change between planning and sending, so they
 * are checked again. The number's own checks (opted out, not a US number) follow once it is decrypted.
 */
sealed interface DueCheck {

    /** Go on: read the number and send. */
    record Proceed() implements DueCheck {
    }

    /** Settle it as not sent, for this reason. */
    record Skip(Reason reason) implements DueCheck {
    }

    /** The configuration sends from another number now: wait for that number's rate limit. */
    record MoveTo(String sendingNumber) implements DueCheck {
    }

    static DueCheck of(SmsMessage message, SmsAppointment appointment, ConfigurationSnapshot configuration,
                       boolean numberKept, OffsetDateTime now) {
        if (appointment == null || !now.isBefore(appointment.startsAt)) {
            return new Skip(Reason.TOO_LATE);
        }
        Reason blocker = SmsReadiness.blocker(configuration);
        if (blocker != null) {
            return new Skip(blocker);
        }
        ConfigurationSnapshot.SmsSettings sms = configuration.sms();
        if (!SmsReadiness.wanted(sms, message.messageType, message.reminderOffset())) {
            return new Skip(Reason.MESSAGE_TYPE_DISABLED);
        }
        if (!sms.sendingNumber().equals(message.sendingNumber)) {
            return new MoveTo(sms.sendingNumber());
        }
        return numberKept ? new Proceed() : new Skip(Reason.NO_MOBILE_NUMBER);
    }
}
