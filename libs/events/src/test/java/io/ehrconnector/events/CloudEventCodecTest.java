package io.ehrconnector.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ehrconnector.events.EventSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.ehrconnector.events.EventJsonEdits.data;
import static io.ehrconnector.events.EventJsonEdits.edited;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudEventCodecTest {

    /** Looks like PHI: no reason may ever contain any part of it. */
    private static final String PHI = "Jane Q. Doe +1 608 555 0100";
    private static final List<String> PHI_PARTS = List.of("Jane", "Doe", "555", "0100");

    private static final CloudEvent<?> SCHEDULED = EventSamples.of(EventType.APPOINTMENT_SCHEDULED);

    static Stream<Sample> samples() {
        return EventSamples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleRoundTripsUnchanged(Sample sample) {
        CloudEvent<?> event = sample.event();
        String json = CloudEventCodec.toJson(event);

        assertEquals(event, CloudEventCodec.fromJson(json));
        assertEquals(event, readAsExpected(json, sample.type()));
        assertEquals(event, CloudEventCodec.fromJson(json, sample.type().dataType()));
        assertEquals(json, new String(CloudEventCodec.toBytes(event), StandardCharsets.UTF_8));
    }

    @Test
    void writesTimesWithTheirOffsetAndDurationsAsIso8601() {
        ObjectNode configuration = EventJsonEdits.tree(EventSamples.of(EventType.CONFIGURATION_PUBLISHED));
        ObjectNode appointment = EventJsonEdits.tree(SCHEDULED);

        assertEquals("PT24H", data(configuration).at("/sms/reminderOffsets/0").asText());
        assertEquals("2026-03-02T09:30:00-06:00", data(appointment).get("start").asText());
        assertFalse(data(appointment).has("approved") || data(configuration).has("approved"), "derived getters stay off the wire");
    }

    @Test
    void toleratesFieldsAndAttributesAddedByANewerProducer() {
        String json = edited(SCHEDULED, event -> {
            event.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            data(event).put("visitMode", "VIDEO");
            data(event).putObject("location").put("roomId", "R-12");
            ((ObjectNode) data(event).get("patientPhones").get(0)).put("verifiedAt", "2026-01-05T10:00:00Z");
        });

        assertEquals(SCHEDULED, CloudEventCodec.fromJson(json));
    }

    @Test
    void readsUnknownValuesOfOpenEnumsAsOther() {
        String launch = edited(EventSamples.of(EventType.VISIT_LAUNCHED), event -> data(event).put("ehrClient", "ROVER"));
        String sms = edited(notSentSample(), event -> data(event).put("reason", "CARRIER_BLOCKED"));

        assertEquals(VisitLaunched.EhrClient.OTHER,
                readAsExpected(launch, EventType.VISIT_LAUNCHED, VisitLaunched.class).data().ehrClient());
        assertEquals(SmsDelivery.Reason.OTHER,
                readAsExpected(sms, EventType.SMS_DELIVERY_REPORTED, SmsDelivery.class).data().reason());
    }

    @Test
    void rejectsUnknownValuesOfClosedEnumsWithoutQuotingThem() {
        String json = edited(EventSamples.of(EventType.VISIT_LAUNCHED), event -> data(event).put("channel", "KIOSK"));

        assertMalformed("invalid io.ehrconnector.visit.launched.v1: field 'data.channel' has an invalid value",
                () -> CloudEventCodec.fromJson(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "type", "time"})
    void rejectsAnEventWithoutARequiredAttribute(String attribute) {
        assertMalformed("missing CloudEvents attribute '" + attribute + "'",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.remove(attribute))));
        assertMalformed("missing CloudEvents attribute '" + attribute + "'",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.put(attribute, " "))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "2.0"})
    void rejectsAnotherSpecversion(String specversion) {
        assertMalformed("specversion must be 1.0",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.put("specversion", specversion))));
        assertMalformed("specversion must be 1.0",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.remove("specversion"))));
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        String json = edited(SCHEDULED, event -> event.put("type", "io.ehrconnector.appointment.scheduled.v2"));

        assertMalformed("unknown event type 'io.ehrconnector.appointment.scheduled.v2'", () -> CloudEventCodec.fromJson(json));
        assertMalformed("unknown event type 'io.ehrconnector.appointment.scheduled.v2'",
                () -> CloudEventCodec.fromJson(json, AppointmentEvent.class));
    }

    @Test
    void rejectsAnEventOfAnotherTypeThanExpected() {
        String json = CloudEventCodec.toJson(EventSamples.of(EventType.APPOINTMENT_CANCELLED));

        assertMalformed("expected event type io.ehrconnector.appointment.scheduled.v1 but got "
                        + "'io.ehrconnector.appointment.cancelled.v1'",
                () -> CloudEventCodec.fromJson(json, EventType.APPOINTMENT_SCHEDULED, AppointmentEvent.class));
        assertMalformed("event type io.ehrconnector.appointment.cancelled.v1 does not carry SmsDelivery",
                () -> CloudEventCodec.fromJson(json, SmsDelivery.class));
    }

    @Test
    void refusesToReadATypeAsAnotherRecordClass() {
        String json = CloudEventCodec.toJson(SCHEDULED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudEventCodec.fromJson(json, EventType.APPOINTMENT_SCHEDULED, SmsDelivery.class));
        assertEquals("io.ehrconnector.appointment.scheduled.v1 carries AppointmentEvent", e.getMessage());
    }

    @Test
    void rejectsDataThatBreaksItsRecordNamingTheField() {
        assertMalformed("invalid io.ehrconnector.appointment.scheduled.v1: field 'data.start' is missing",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> data(event).remove("start"))));
        assertMalformed("invalid io.ehrconnector.appointment.scheduled.v1: field 'data.patientPhones[1].keyId' is missing",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED,
                        event -> ((ObjectNode) data(event).get("patientPhones").get(1)).remove("keyId"))));
        assertMalformed("invalid io.ehrconnector.sms.delivery-reported.v1: field 'data.reason' is missing",
                () -> CloudEventCodec.fromJson(edited(notSentSample(), event -> data(event).remove("reason"))));
        assertMalformed("invalid io.ehrconnector.configuration.published.v1: field 'data.version' is missing",
                () -> CloudEventCodec.fromJson(edited(EventSamples.of(EventType.CONFIGURATION_PUBLISHED),
                        event -> data(event).remove("version"))));
    }

    @Test
    void rejectsRecordsThatAreNotAJsonObject() {
        assertMalformed("no record value", () -> CloudEventCodec.fromJson(null));
        assertMalformed("a CloudEvent must be a JSON object", () -> CloudEventCodec.fromJson("[]"));
        assertMalformed("a CloudEvent must be a JSON object", () -> CloudEventCodec.fromJson("\"1.0\""));
        assertMalformed("a CloudEvent must be a JSON object", () -> CloudEventCodec.fromJson(""));
        assertMalformed("not JSON (line 1, column 1)", () -> CloudEventCodec.fromJson("MSH|^~\\&|EPIC|EPICADT|"));
        assertMalformed("not JSON (line 3, column 9)", () -> CloudEventCodec.fromJson("\n\n  {\"a\": x}"));
        assertMalformed("not JSON (line 1, column 4)", () -> CloudEventCodec.fromJson("{} {}"));
    }

    @Test
    void rejectsAnEventWithoutDataOrWithDataOfAnotherMediaType() {
        assertMalformed("missing data (a JSON object)",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.remove("data"))));
        assertMalformed("missing data (a JSON object)",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.put("data", "e30="))));
        assertMalformed("datacontenttype must be application/json",
                () -> CloudEventCodec.fromJson(edited(SCHEDULED, event -> event.put("datacontenttype", "application/xml"))));
    }

    static Stream<Consumer<ObjectNode>> corruptionsCarryingPhi() {
        return Stream.of(
                event -> data(event).put("start", PHI),
                event -> data(event).put("status", PHI),
                event -> data(event).putObject("providerIds").put("name", PHI),
                event -> data(event).put("patientPhones", PHI),
                event -> ((ObjectNode) data(event).get("patientPhones").get(0)).put("ciphertext", "+16085550100"),
                event -> ((ObjectNode) data(event).get("patientPhones").get(0)).put("use", PHI),
                event -> event.put("time", PHI),
                event -> event.put("source", PHI),
                event -> event.put("dataschema", PHI),
                event -> event.put("type", PHI),
                event -> event.put("specversion", PHI),
                event -> event.put("datacontenttype", PHI));
    }

    @ParameterizedTest
    @MethodSource("corruptionsCarryingPhi")
    void reasonsNeverQuoteTheRecord(Consumer<ObjectNode> corruption) {
        String json = edited(SCHEDULED, corruption);

        for (Runnable read : List.<Runnable>of(() -> CloudEventCodec.fromJson(json),
                () -> readAsExpected(json, EventType.APPOINTMENT_SCHEDULED))) {
            String reason = assertThrows(MalformedEventException.class, read::run).getMessage();
            PHI_PARTS.forEach(part -> assertFalse(reason.contains(part), () -> "reason quotes the record: " + reason));
            assertFalse(reason.contains("6085550100"), () -> "reason quotes the record: " + reason);
        }
    }

    @Test
    void reasonsOfNonJsonRecordsDoNotQuoteThem() {
        String reason = assertThrows(MalformedEventException.class, () -> CloudEventCodec.fromJson(PHI)).getMessage();

        PHI_PARTS.forEach(part -> assertFalse(reason.contains(part), reason));
    }

    @Test
    void reasonsNameTheWrongTypeByItsPath() {
        String json = edited(SCHEDULED, event -> data(event).put("providerIds", PHI));

        assertMalformed("invalid io.ehrconnector.appointment.scheduled.v1: field 'data.providerIds' has the wrong type",
                () -> CloudEventCodec.fromJson(json));
    }

    private static CloudEvent<?> notSentSample() {
        return EventSamples.all().stream().map(Sample::event)
                .filter(e -> e.data() instanceof SmsDelivery sms && sms.outcome() == SmsDelivery.Outcome.NOT_SENT)
                .findFirst().orElseThrow();
    }

    /** {@code fromJson(json, type, type.dataType())}, for samples whose data class is only known at run time. */
    private static CloudEvent<?> readAsExpected(String json, EventType type) {
        return readAsExpected(json, type, type.dataType());
    }

    private static <T> CloudEvent<T> readAsExpected(String json, EventType type, Class<T> dataType) {
        return CloudEventCodec.fromJson(json, type, dataType);
    }

    private static void assertMalformed(String reason, Runnable read) {
        assertEquals(reason, assertThrows(MalformedEventException.class, read::run).getMessage());
    }
}
