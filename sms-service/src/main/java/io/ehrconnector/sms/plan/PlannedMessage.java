package io.ehrconnector.sms.plan;

import io.ehrconnector.events.SmsDelivery;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A text the plan asks for: due at {@code dueAt}, or, when {@code notSent} is set, decided against at once for that reason
 * (recorded so the decision is announced once).
 *
 * @param reminderOffset how long before the start, for a reminder; null for a confirmation
 * @param occasion       what makes it unique besides type and offset: the appointment event's id for a confirmation (each
 *                       change gets its own), the visit start for a reminder (a reschedule makes new ones)
 */
public record PlannedMessage(
        SmsDelivery.MessageType type,
        Duration reminderOffset,
        String occasion,
        OffsetDateTime dueAt,
        SmsDelivery.Reason notSent) {

    public boolean isReminder() {
        return type == SmsDelivery.MessageType.REMINDER;
    }
}
