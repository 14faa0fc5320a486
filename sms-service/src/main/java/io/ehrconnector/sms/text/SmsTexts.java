package io.ehrconnector.sms.text;

import io.ehrconnector.events.SmsDelivery.MessageType;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of each text, in English or Spanish: the organisation's name, the visit time in the configuration's time zone,
 * the join link (not for a cancellation) and how to opt out. Never a clinical detail, a provider or the patient's name.
 */
public final class SmsTexts {

    private static final Locale SPANISH = Locale.forLanguageTag("es-US");
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("EEE, MMM d 'at' h:mm a z", Locale.US);
    private static final DateTimeFormatter SPANISH_TIME = DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'a las' H:mm z",
            SPANISH);

    private SmsTexts() {
    }

    /**
     * @param language         the patient's language (BCP 47), null for English
     * @param organizationName the hospital's name, null for a generic sender
     * @param joinUrl          the visit's join link; ignored for a cancellation
     */
    public static String text(MessageType type, String language, String organizationName, OffsetDateTime start,
                              ZoneId zone, String joinUrl) {
        boolean spanish = language != null && Locale.forLanguageTag(language).getLanguage().equals("es");
        String when = (spanish ? SPANISH_TIME : ENGLISH_TIME).format(start.atZoneSameInstant(zone));
        String sender = organizationName != null && !organizationName.isBlank() ? organizationName.strip()
                : spanish ? "Su equipo de atención" : "Your care team";
        return spanish ? spanish(type, sender, when, joinUrl) : english(type, sender, when, joinUrl);
    }

    private static String english(MessageType type, String sender, String when, String joinUrl) {
        return switch (type) {
            case CONFIRMATION_SCHEDULED -> sender + ": your video visit is booked for " + when + ". At that time, join here: "
                    + joinUrl + " Reply STOP to opt out.";
            case CONFIRMATION_UPDATED -> sender + ": your video visit has changed. It is now " + when + ". Join here: "
                    + joinUrl + " Reply STOP to opt out.";
            case CONFIRMATION_CANCELLED -> sender + ": your video visit on " + when + " is cancelled."
                    + " Reply STOP to opt out.";
            case REMINDER -> sender + ": reminder of your video visit " + when + ". Join here: " + joinUrl
                    + " Reply STOP to opt out.";
        };
    }

    private static String spanish(MessageType type, String sender, String when, String joinUrl) {
        return switch (type) {
            case CONFIRMATION_SCHEDULED -> sender + ": su visita por video está programada para el " + when
                    + ". A esa hora, únase aquí: " + joinUrl + " Responda STOP para no recibir más mensajes.";
            case CONFIRMATION_UPDATED -> sender + ": su visita por video cambió. Ahora es el " + when + ". Únase aquí: "
                    + joinUrl + " Responda STOP para no recibir más mensajes.";
            case CONFIRMATION_CANCELLED -> sender + ": su visita por video del " + when + " está cancelada."
                    + " Responda STOP para no recibir más mensajes.";
            case REMINDER -> sender + ": le recordamos su visita por video el " + when + ". Únase aquí: " + joinUrl
                    + " Responda STOP para no recibir más mensajes.";
        };
    }
}
