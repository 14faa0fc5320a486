package io.ehrconnector.hl7ingest.events;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.hl7ingest.SiuCorpus;
import io.ehrconnector.hl7ingest.siu.AppointmentIdField;
import io.ehrconnector.hl7ingest.siu.SiuAppointment;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.ehrconnector.hl7ingest.siu.SiuReader;
import io.ehrconnector.support.phone.PhoneCipher;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AppointmentEventsTest {

    private static final String CONFIGURATION = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04";
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-22T16:15:00Z");

    private final SiuReader reader = new SiuReader(List.of(AppointmentIdField.PV1_19, AppointmentIdField.SCH_2));
    private final PhoneCipher cipher = PhoneCipher.fromBase64("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])));

    @Test
    void theEventCarriesIdsTimesAndEncryptedPhonesButNoNamesAndItsIdIsStablePerMessage() throws Exception {
        String er7 = SiuCorpus.message("epic-s12-v251.hl7");
        var message = reader.parse(er7);
        SiuHeader header = reader.header(message);
        SiuAppointment appointment = reader.read(message, ZoneId.of("America/Chicago"));

        CloudEvent<AppointmentEvent> event = AppointmentEvents.of(CONFIGURATION, header, appointment, cipher, NOW);
        assertEquals(EventType.APPOINTMENT_SCHEDULED.type(), event.type());
        assertEquals(CONFIGURATION + "/998877665544", AppointmentEvents.key(event));
        AppointmentEvent data = event.data();
        assertEquals("MSG00001", data.sourceMessageControlId());
        assertEquals(List.of("E1234", "E5678"), data.providerIds());
        assertEquals(3, data.patientPhones().size());
        assertEquals("+16085550102", cipher.decrypt(data.patientPhones().get(0),
                PhoneCipher.appointmentContext(CONFIGURATION, "998877665544")));

        String json = CloudEventCodec.toJson(event);
        for (String personal : List.of("Sample", "Patient", "Doe", "Jane", "Z99887", "5550101", "5550102", "19800101", "Main St")) {
            assertFalse(json.contains(personal), personal + " must not leave the service");
        }
        assertEquals(event, CloudEventCodec.fromJson(json, EventType.APPOINTMENT_SCHEDULED, AppointmentEvent.class));

        CloudEvent<AppointmentEvent> resent = AppointmentEvents.of(CONFIGURATION, header, appointment, cipher, NOW.plusMinutes(5));
        assertEquals(event.id(), resent.id(), "a resend is the same event");
        var other = reader.parse(er7.replace("|MSG00001|", "|MSG00002|"));
        assertNotEquals(event.id(), AppointmentEvents.of(CONFIGURATION, reader.header(other), appointment, cipher, NOW).id());
    }
}
