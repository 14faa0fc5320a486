package io.ehrconnector.sms.messages;

import io.ehrconnector.events.SmsDelivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ACS repeatability-request-id of a text: a name-based UUID of (configuration, appointment, type, reminder offset,
 * occasion), so every attempt at the same text, from any replica and after any crash, carries the same id and ACS sends it
 * at most once. Also the text's unique key in {@code sms_message}.
 */
public final class RepeatabilityIds {

    private RepeatabilityIds() {
    }

    public static UUID of(String configurationId, String appointmentId, SmsDelivery.MessageType type,
                          long reminderOffsetSeconds, String occasion) {
        String name = String.join("\u001f", "ehr-connector/sms/v1", configurationId, appointmentId, type.name(),
                Long.toString(reminderOffsetSeconds), occasion);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
