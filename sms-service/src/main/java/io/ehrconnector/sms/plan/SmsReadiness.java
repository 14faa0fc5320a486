package io.ehrconnector.sms.plan;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.SmsDelivery;

import java.time.Duration;

/**
 * Whether a configuration may text patients now, read from its latest snapshot: approved, SMS switched on, both consents
 * given and a sending number linked. Checked when texts are planned and again when each comes due (settings change).
 */
public final class SmsReadiness {

    private SmsReadiness() {
    }

    /** Null when the configuration may text, else why not ({@link SmsDelivery.Reason#SMS_DISABLED}). */
    public static SmsDelivery.Reason blocker(ConfigurationSnapshot configuration) {
        if (configuration == null || !configuration.isApproved()) {
            return SmsDelivery.Reason.SMS_DISABLED;
        }
        ConfigurationSnapshot.SmsSettings sms = configuration.sms();
        if (sms == null || !sms.enabled() || !sms.consentsGiven() || sms.sendingNumber() == null) {
            return SmsDelivery.Reason.SMS_DISABLED;
        }
        return null;
    }

    /** Whether the settings still ask for this text (confirmation switch on, reminder offset still configured). */
    public static boolean wanted(ConfigurationSnapshot.SmsSettings sms, SmsDelivery.MessageType type, Duration reminderOffset) {
        return switch (type) {
            case CONFIRMATION_SCHEDULED -> sms.confirmOnScheduled();
            case CONFIRMATION_UPDATED -> sms.confirmOnUpdated();
            case CONFIRMATION_CANCELLED -> sms.confirmOnCancelled();
            case REMINDER -> sms.reminderOffsets().contains(reminderOffset);
        };
    }
}
