package io.ehrconnector.sms.text;

import io.ehrconnector.events.SmsDelivery.MessageType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsTextsTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 8, 20, 30, 0, 0, ZoneOffset.UTC);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String LINK = "https://teams-ehr.example.org/v/abc";

    @Test
    void englishTextsNameTheSenderTheLocalTimeTheLinkAndTheWayOut() {
        String text = SmsTexts.text(MessageType.CONFIRMATION_SCHEDULED, "en-US", "Northwind Health", START, CHICAGO, LINK);
        assertEquals("Northwind Health: your video visit is booked for Tue, Dec 8 at 2:30 PM CST. At that time, join here:"
                + " https://teams-ehr.example.org/v/abc Reply STOP to opt out.", text);
        assertTrue(SmsTexts.text(MessageType.REMINDER, null, null, START, CHICAGO, LINK)
                .startsWith("Your care team: reminder of your video visit Tue, Dec 8 at 2:30 PM CST. Join here: " + LINK));
    }

    @Test
    void spanishForPatientsWhoPreferIt() {
        String text = SmsTexts.text(MessageType.CONFIRMATION_UPDATED, "es-MX", "Northwind Health", START, CHICAGO, LINK);
        assertTrue(text.contains("su visita por video cambió. Ahora es el martes 8 de diciembre a las 14:30 CST"), text);
        assertTrue(text.contains(LINK) && text.endsWith("Responda STOP para no recibir más mensajes."), text);
    }

    @Test
    void aCancellationCarriesNoLink() {
        for (String language : new String[] {"en", "es"}) {
            String text = SmsTexts.text(MessageType.CONFIRMATION_CANCELLED, language, "Northwind Health", START, CHICAGO, LINK);
            assertFalse(text.contains("http"), text);
            assertTrue(text.contains("STOP"), text);
        }
    }
}
