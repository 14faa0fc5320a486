package io.ehrconnector.hl7ingest.ack;

import ca.uhn.hl7v2.model.Message;
import io.ehrconnector.hl7ingest.ack.Acknowledgements.Outcome;
import io.ehrconnector.hl7ingest.siu.AppointmentIdField;
import io.ehrconnector.hl7ingest.siu.InvalidSiu;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.ehrconnector.hl7ingest.siu.SiuReader;
import io.ehrconnector.hl7ingest.SiuCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcknowledgementsTest {

    private static final String ORIGINAL = "MSH|^~\\&|EPIC|NWH|TEAMS|CONNECTOR|20261122101500||SIU^S12|CTRL-1|P|2.5.1\r"
            + "SCH|1|2|||||||||^^^202612011000\r";
    private static final String ENHANCED = ORIGINAL.replace("|P|2.5.1", "|P|2.5.1|||ER|NE");

    private final SiuReader reader = new SiuReader(List.of(AppointmentIdField.SCH_2));
    private final Acknowledgements acks = new Acknowledgements(reader);

    @Test
    void originalModeAnswersAaAeOrArWithTheControlIdAndTheReason() throws Exception {
        Message inbound = reader.parse(ORIGINAL);
        SiuHeader header = reader.header(inbound);

        String aa = acks.accepted(ORIGINAL, header).orElseThrow();
        assertEquals("AA", field(aa, "MSA", 1));
        assertEquals("CTRL-1", field(aa, "MSA", 2));
        assertEquals("TEAMS", field(aa, "MSH", 3), "sender and receiver swapped");

        String ae = acks.refused(inbound, header, Outcome.CONTENT_ERROR, InvalidSiu.REQUIRED_FIELD_MISSING,
                "MSH-10 (message control id) is empty").orElseThrow();
        assertEquals("AE", field(ae, "MSA", 1));
        assertTrue(segment(ae, "ERR").contains("101"), ae);
        assertTrue(ae.contains("MSH-10 (message control id) is empty"), ae);

        String ar = acks.refused(inbound, header, Outcome.REJECTED, 207, "not durable now; resend").orElseThrow();
        assertEquals("AR", field(ar, "MSA", 1));
        assertTrue(segment(ar, "ERR").contains("207"), ar);
    }

    @Test
    void enhancedModeSendsCommitAcknowledgementsOnlyWhenMsh15AsksForThem() throws Exception {
        Message inbound = reader.parse(ENHANCED);
        SiuHeader header = reader.header(inbound);
        assertEquals(Optional.empty(), acks.accepted(ENHANCED, header), "ER: errors only");
        String ce = acks.refused(inbound, header, Outcome.CONTENT_ERROR, 102, "SCH-11.4 is not an HL7 date/time").orElseThrow();
        assertEquals("CE", field(ce, "MSA", 1));

        String alwaysText = ORIGINAL.replace("|P|2.5.1", "|P|2.5.1|||AL|NE");
        Message always = reader.parse(alwaysText);
        assertEquals("CA", field(acks.accepted(alwaysText, reader.header(always)).orElseThrow(), "MSA", 1));
        Message never = reader.parse(ORIGINAL.replace("|P|2.5.1", "|P|2.5.1|||NE|NE"));
        assertEquals(Optional.empty(), acks.refused(never, reader.header(never), Outcome.REJECTED, 207, "x"));
    }

    @Test
    void anUnparseableFrameIsAnsweredFromItsMshOrMinimallyAndReasonsCannotBreakTheAck() {
        String fromMsh = acks.unparseable(ORIGINAL.replace("SCH|1|2", "SCH|1|2\rPID|||||^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
                + "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"), 100, "segments out of order");
        assertEquals("AR", field(fromMsh, "MSA", 1));
        assertEquals("CTRL-1", field(fromMsh, "MSA", 2));

        String minimal = acks.unparseable("garbage that is not HL7", 100, "not HL7 | at all ^ really");
        assertEquals("AR", field(minimal, "MSA", 1));
        assertEquals("", field(minimal, "MSA", 2));
        assertTrue(segment(minimal, "ERR").contains("not HL7 \\F\\ at all \\S\\ really"), minimal);
        assertFalse(segment(minimal, "ERR").contains("| at all"), minimal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epic-s12-v251.hl7", "s13-v24-ais-start-only.hl7", "s14-v23-free-text-phone.hl7", "s15-v231-cancelled.hl7",
            "s17-v25-deleted.hl7", "s26-v251-no-show.hl7"})
    void theAcceptanceHasTheFieldsHapisOwnAckWouldHave(String corpusMessage) throws Exception {
        String text = SiuCorpus.message(corpusMessage).replaceAll("\\|AL\\|NE", "||");
        Message inbound = reader.parse(text);
        String ours = acks.accepted(text, reader.header(inbound)).orElseThrow();
        String hapis = inbound.generateACK().encode();
        for (int field : new int[] {1, 2, 9, 11, 12}) {
            assertEquals(field(hapis, "MSH", field), field(ours, "MSH", field), corpusMessage + " MSH-" + field + "\n" + ours);
        }
        for (int field : new int[] {3, 4, 5, 6}) {
            assertEquals(field(hapis, "MSH", field).split("\\^")[0], field(ours, "MSH", field).split("\\^")[0],
                    corpusMessage + " MSH-" + field + "\n" + ours);
        }
        assertEquals(field(text, "MSH", 4), field(ours, "MSH", 6), "the whole sending facility, every component");
        assertEquals(field(hapis, "MSA", 1), field(ours, "MSA", 1));
        assertEquals(field(hapis, "MSA", 2), field(ours, "MSA", 2));
        assertFalse(field(ours, "MSH", 10).isEmpty());
        assertTrue(field(ours, "MSH", 7).matches("\\d{14}\\.\\d{3}[+-]\\d{4}"), ours);
    }

    private static String segment(String er7, String name) {
        for (String segment : er7.split("\r")) {
            if (segment.startsWith(name + "|")) {
                return segment;
            }
        }
        throw new AssertionError("no " + name + " in " + er7.replace('\r', '\n'));
    }

    private static String field(String er7, String segment, int index) {
        String[] fields = segment(er7, segment).split("\\|", -1);
        int offset = segment.equals("MSH") ? index - 1 : index;
        return offset < fields.length ? fields[offset] : "";
    }
}
