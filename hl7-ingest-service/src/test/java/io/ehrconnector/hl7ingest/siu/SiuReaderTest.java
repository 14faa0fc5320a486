package io.ehrconnector.hl7ingest.siu;

import ca.uhn.hl7v2.HL7Exception;
import io.ehrconnector.events.AppointmentEvent.Status;
import io.ehrconnector.events.EncryptedPhone.Use;
import io.ehrconnector.events.EventType;
import io.ehrconnector.hl7ingest.SiuCorpus;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIU corpus (src/test/resources/siu): what real feeds send, in HL7 2.3 to 2.5.1, read into appointments. */
class SiuReaderTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private final SiuReader reader = new SiuReader(List.of(AppointmentIdField.PV1_19, AppointmentIdField.SCH_2));

    @Test
    void anEpicS12WithEverythingRealFeedsCarry() throws Exception {
        SiuAppointment a = read("epic-s12-v251.hl7");
        assertEquals(EventType.APPOINTMENT_SCHEDULED, a.eventType());
        assertEquals("998877665544", a.appointmentId(), "PV1-19, the CSN");
        assertEquals(OffsetDateTime.parse("2026-12-01T09:30-06:00"), a.start());
        assertEquals(OffsetDateTime.parse("2026-12-01T10:00-06:00"), a.end());
        assertEquals(Status.BOOKED, a.status());
        assertEquals("DEPT100", a.departmentId());
        assertEquals(List.of("E1234", "E5678"), a.providerIds());
        assertEquals(List.of(new PatientPhone(Use.MOBILE, "+16085550102"), new PatientPhone(Use.HOME, "+16085550101"),
                new PatientPhone(Use.WORK, "+16085550103")), a.phones(), "mobile first, e-mail skipped");
        assertEquals("es", a.language());
        assertEquals(new SiuHeader("EPIC", "NWH", "TEAMS", "MSG00001", "2.5.1", "AL", "NE"), reader.header(reader.parse(SiuCorpus.message("epic-s12-v251.hl7"))));
    }

    @Test
    void anOldFeedWithFreeTextPhoneLocalTimesAndADuration() throws Exception {
        SiuAppointment a = read("s14-v23-free-text-phone.hl7");
        assertEquals(EventType.APPOINTMENT_UPDATED, a.eventType());
        assertEquals("998877665545", a.appointmentId());
        assertEquals(OffsetDateTime.parse("2026-12-02T14:00-06:00"), a.start(), "no offset: the configuration's zone");
        assertEquals(a.start().plusMinutes(45), a.end(), "SCH-9/10: 45 minutes");
        assertEquals(List.of(new PatientPhone(Use.HOME, "+16085550110")), a.phones(), "the extension is not dialled");
        assertEquals("en", a.language(), "ISO 639-2 ENG");
        assertEquals("DEPT200", a.departmentId());
        assertEquals(List.of("E9999"), a.providerIds());
    }

    @Test
    void cancelledDeletedAndNoShowSayWhatHappened() throws Exception {
        SiuAppointment cancelled = read("s15-v231-cancelled.hl7");
        assertEquals(EventType.APPOINTMENT_CANCELLED, cancelled.eventType());
        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals(OffsetDateTime.parse("2026-12-03T10:00-05:00"), cancelled.start(), "the offset the EHR gave is kept");
        assertNull(cancelled.end());
        assertEquals(List.of(new PatientPhone(Use.MOBILE, "+16085550120")), cancelled.phones());

        SiuAppointment deleted = read("s17-v25-deleted.hl7");
        assertEquals(EventType.APPOINTMENT_DELETED, deleted.eventType());
        assertEquals(Status.DELETED, deleted.status(), "no SCH-25: from the trigger");
        assertEquals(List.of(), deleted.phones(), "no PID segment");
        assertNull(deleted.language());

        SiuAppointment noShow = read("s26-v251-no-show.hl7");
        assertEquals(EventType.APPOINTMENT_NO_SHOW, noShow.eventType());
        assertEquals(Status.NO_SHOW, noShow.status());
        assertEquals(List.of(new PatientPhone(Use.HOME, "+16085550161")), noShow.phones(), "the fax number is skipped");
    }

    @Test
    void theStartFallsBackToTheServiceAndTheIdToTheFillerId() throws Exception {
        SiuAppointment a = read("s13-v24-ais-start-only.hl7");
        assertEquals(EventType.APPOINTMENT_RESCHEDULED, a.eventType());
        assertEquals("4447", a.appointmentId(), "no PV1: SCH-2");
        assertEquals(OffsetDateTime.parse("2026-12-04T08:30-06:00"), a.start(), "AIS-4");
    }

    @Test
    void theAppointmentIdFieldIsConfigurable() throws Exception {
        SiuReader placerFirst = new SiuReader(List.of(AppointmentIdField.SCH_1));
        assertEquals("1111", placerFirst.read(placerFirst.parse(SiuCorpus.message("epic-s12-v251.hl7")), CHICAGO).appointmentId());
        assertEquals(AppointmentIdField.SCH_2, AppointmentIdField.parse("sch-2"));
        InvalidSiu none = assertThrows(InvalidSiu.class, () -> placerFirst.read(placerFirst.parse(SiuCorpus.message("s13-v24-ais-start-only.hl7")), CHICAGO));
        assertEquals(InvalidSiu.REQUIRED_FIELD_MISSING, none.code());
        assertTrue(none.getMessage().contains("SCH-1"), none.getMessage());
    }

    @Test
    void whatCannotBeTakenSaysWhyWithItsHl7ErrorCodeAndNoValues() throws Exception {
        String s12 = SiuCorpus.message("epic-s12-v251.hl7");
        assertRefused(s12.replace("SIU^S12^SIU_S12", "ADT^A04^ADT_A01"), InvalidSiu.UNSUPPORTED_MESSAGE_TYPE);
        assertRefused(s12.replace("SIU^S12^SIU_S12", "SIU^S99"), InvalidSiu.UNSUPPORTED_EVENT_CODE);
        assertRefused(s12.replace("|P|2.5.1|", "|P|2.6|"), InvalidSiu.UNSUPPORTED_VERSION_ID);
        assertRefused(s12.replace("|MSG00001|", "||"), InvalidSiu.REQUIRED_FIELD_MISSING);
        assertRefused(s12.replace("^^30^20261201093000-0600^20261201100000-0600", "^^30^20261341093000"), InvalidSiu.DATA_TYPE_ERROR);
        assertRefused(s12.replace("^^30^20261201093000-0600^20261201100000-0600", "^^30^20261201100000^20261201093000"),
                InvalidSiu.DATA_TYPE_ERROR);
        assertRefused(s12.replace("|Booked", "|Maybe"), InvalidSiu.TABLE_VALUE_NOT_FOUND);
        InvalidSiu noStart = assertRefused(SiuCorpus.message("s17-v25-deleted.hl7").replace("^^^20261205120000", ""),
                InvalidSiu.REQUIRED_FIELD_MISSING);
        assertFalse(noStart.getMessage().contains("998877"), "no values in reasons");
        assertThrows(HL7Exception.class, () -> reader.parse("this is not HL7"));
    }

    private InvalidSiu assertRefused(String er7, int code) throws HL7Exception {
        InvalidSiu refused = assertThrows(InvalidSiu.class, () -> reader.read(reader.parse(er7), CHICAGO));
        assertEquals(code, refused.code(), refused.getMessage());
        return refused;
    }

    private SiuAppointment read(String name) throws Exception {
        return reader.read(reader.parse(SiuCorpus.message(name)), CHICAGO);
    }
}
