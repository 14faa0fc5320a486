package io.ehrconnector.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.ehrconnector.events.EventSamples.APPOINTMENT_ID;
import static io.ehrconnector.events.EventSamples.CONFIGURATION_ID;
import static io.ehrconnector.events.EventSamples.MEETING_ID;
import static io.ehrconnector.events.EventSamples.VISIT_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules the records enforce when a producer builds them, with messages that name fields, never values. */
class EventRecordsTest {

    @Test
    void anEncryptedPhoneRefusesAPlainNumber() {
        for (String plain : new String[] {"+16085550100", "16085550100", "001608555010012", "6085550100"}) {
            String reason = assertInvalid(() -> new EncryptedPhone(EncryptedPhone.Use.MOBILE, plain, "phone-key-2026-01"));
            assertEquals("field 'ciphertext' is not base64url ciphertext of at least 16 bytes", reason);
            assertFalse(reason.contains("555"), reason);
        }
    }

    @Test
    void anAppointmentCannotEndBeforeItStarts() {
        AppointmentEvent a = EventSamples.appointment(AppointmentEvent.Status.BOOKED);

        assertEquals("field 'end' is before start", assertInvalid(() -> new AppointmentEvent(a.configurationId(),
                a.appointmentId(), a.start(), a.start().minusMinutes(1), a.status(), a.departmentId(), a.providerIds(),
                a.patientPhones(), a.patientLanguage(), a.sourceMessageControlId(), a.sendingApplication(),
                a.sendingFacility())));
    }

    @Test
    void anAppointmentKeepsItsOwnCopyOfItsLists() {
        List<String> providers = new ArrayList<>(List.of("E1011"));
        AppointmentEvent a = EventSamples.appointment(AppointmentEvent.Status.BOOKED);
        AppointmentEvent copy = new AppointmentEvent(a.configurationId(), a.appointmentId(), a.start(), a.end(), a.status(),
                a.departmentId(), providers, a.patientPhones(), a.patientLanguage(), a.sourceMessageControlId(),
                a.sendingApplication(), a.sendingFacility());
        providers.add("E9999");

        assertEquals(List.of("E1011"), copy.providerIds());
        assertThrows(UnsupportedOperationException.class, () -> copy.providerIds().add("E9999"));
    }

    @Test
    void everyLaunchButADeviceTestNamesItsAppointmentAndMeeting() {
        assertEquals("field 'appointmentId' is missing", assertInvalid(() -> launch(VisitLaunched.Channel.PATIENT, null,
                MEETING_ID, null)));
        assertEquals("field 'meetingId' is missing", assertInvalid(() -> launch(VisitLaunched.Channel.SMS_LINK, APPOINTMENT_ID,
                null, null)));
        assertEquals(VisitLaunched.Channel.DEVICE_TEST, launch(VisitLaunched.Channel.DEVICE_TEST, null, null, null).channel());
    }

    @Test
    void onlyCliniciansAreNamedByTheirEhrUserId() {
        assertEquals("field 'ehrUserId' is only allowed for channels PROVIDER and GROUP",
                assertInvalid(() -> launch(VisitLaunched.Channel.PATIENT, APPOINTMENT_ID, MEETING_ID, "Patient/eXb3")));
        assertEquals("E4F7H2K9", launch(VisitLaunched.Channel.GROUP, APPOINTMENT_ID, MEETING_ID, "E4F7H2K9").ehrUserId());
        assertEquals("field 'ehrUserId' is only allowed for role PROVIDER", assertInvalid(() -> new ParticipantPresence(
                CONFIGURATION_ID, APPOINTMENT_ID, MEETING_ID, "8:teamsvisitor:a71b", ParticipantPresence.Role.GUEST,
                "E4F7H2K9", VISIT_START)));
    }

    @Test
    void aReminderHasItsOffsetAndOnlyAReminderHasOne() {
        assertEquals("field 'reminderOffset' is missing",
                assertInvalid(() -> sms(SmsDelivery.MessageType.REMINDER, null, SmsDelivery.Outcome.SENT, null)));
        assertEquals("field 'reminderOffset' is not positive", assertInvalid(
                () -> sms(SmsDelivery.MessageType.REMINDER, Duration.ofHours(-1), SmsDelivery.Outcome.SENT, null)));
        assertEquals("field 'reminderOffset' is only allowed for messageType REMINDER", assertInvalid(
                () -> sms(SmsDelivery.MessageType.CONFIRMATION_UPDATED, Duration.ofHours(1), SmsDelivery.Outcome.SENT, null)));
    }

    @Test
    void aReasonComesExactlyWithAnUnsuccessfulOutcome() {
        SmsDelivery.MessageType confirmation = SmsDelivery.MessageType.CONFIRMATION_CANCELLED;
        assertEquals("field 'reason' is missing",
                assertInvalid(() -> sms(confirmation, null, SmsDelivery.Outcome.FAILED, null)));
        assertEquals("field 'reason' is only allowed for outcomes NOT_SENT and FAILED", assertInvalid(
                () -> sms(confirmation, null, SmsDelivery.Outcome.DELIVERED, SmsDelivery.Reason.UNDELIVERABLE)));
        assertEquals(SmsDelivery.Reason.NOT_US_NUMBER,
                sms(confirmation, null, SmsDelivery.Outcome.NOT_SENT, SmsDelivery.Reason.NOT_US_NUMBER).reason());
    }

    @Test
    void smsSettingsWithoutRemindersHaveAnEmptyList() {
        ConfigurationSnapshot.SmsSettings settings = new ConfigurationSnapshot.SmsSettings(true, true, null, true, false,
                false, null);

        assertEquals(List.of(), settings.reminderOffsets());
    }

    @Test
    void aKeyRingHasAtMostOneActiveAndOneNextKeyAndNoKidTwice() {
        ConnectorKeyRing.Key active = EventSamples.ringKey(0, ConnectorKeyRing.Key.Status.ACTIVE);
        ConnectorKeyRing.Key otherActive = EventSamples.ringKey(1, ConnectorKeyRing.Key.Status.ACTIVE);
        ConnectorKeyRing.Key next = EventSamples.ringKey(1, ConnectorKeyRing.Key.Status.NEXT);
        ConnectorKeyRing.Key otherNext = EventSamples.ringKey(2, ConnectorKeyRing.Key.Status.NEXT);

        assertEquals("field 'keys' has more than one ACTIVE key", assertInvalid(() -> ring(active, otherActive)));
        assertEquals("field 'keys' has more than one NEXT key", assertInvalid(() -> ring(active, next, otherNext)));
        assertEquals("field 'keys' has the same kid twice", assertInvalid(() -> ring(active,
                EventSamples.ringKey(0, ConnectorKeyRing.Key.Status.PREVIOUS))));
        assertEquals(Optional.of(active), ring(next, active).activeKey());
        assertEquals(Optional.empty(), ring(next).activeKey());
    }

    @Test
    void aKeyRingKeyRefusesAPrivateJwkWithoutQuotingIt() {
        ConnectorKeyRing.Key key = EventSamples.ringKey(0, ConnectorKeyRing.Key.Status.ACTIVE);
        String privateJwk = key.publicJwk().replace("{", "{\"d\":\"c2VjcmV0LXNjYWxhcg\",");

        String reason = assertInvalid(() -> new ConnectorKeyRing.Key(key.kid(), key.algorithm(), key.status(), privateJwk,
                key.sealedPrivateKey()));
        assertEquals("field 'publicJwk' is not a public JWK (a JSON object without private members)", reason);
        assertEquals(reason, assertInvalid(() -> new ConnectorKeyRing.Key(key.kid(), key.algorithm(), key.status(),
                "not json", key.sealedPrivateKey())));
    }

    @Test
    void anEventCarriesTheRecordOfItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CloudEvent.of(
                EventType.VISIT_LAUNCHED, CloudEvent.serviceSource("launch-service"), APPOINTMENT_ID, VISIT_START,
                EventSamples.appointment(AppointmentEvent.Status.BOOKED)));

        assertEquals("io.ehrconnector.visit.launched.v1 carries VisitLaunched, not AppointmentEvent", e.getMessage());
    }

    @Test
    void aDeterministicIdIsTheSameForTheSameFactOnly() {
        String id = CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, CONFIGURATION_ID, "100007834");

        assertEquals(id, CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, CONFIGURATION_ID, "100007834"));
        assertNotEquals(id, CloudEvent.deterministicId(EventType.APPOINTMENT_CANCELLED, CONFIGURATION_ID, "100007834"));
        assertNotEquals(id, CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, CONFIGURATION_ID, "100007835"));
        assertNotEquals(CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, "a", "bc"),
                CloudEvent.deterministicId(EventType.APPOINTMENT_SCHEDULED, "ab", "c"));
        assertEquals(3, UUID.fromString(id).version());
    }

    private static VisitLaunched launch(VisitLaunched.Channel channel, String appointmentId, String meetingId,
                                        String ehrUserId) {
        return new VisitLaunched(CONFIGURATION_ID, appointmentId, "7c1e4b2a-9f3d-4e6a-b8c0-2d5f7a9e1b34", channel,
                VisitLaunched.EhrClient.MYCHART, ehrUserId, meetingId, VISIT_START);
    }

    private static SmsDelivery sms(SmsDelivery.MessageType type, Duration offset, SmsDelivery.Outcome outcome,
                                   SmsDelivery.Reason reason) {
        return new SmsDelivery(CONFIGURATION_ID, APPOINTMENT_ID, type, offset, outcome, reason, null, VISIT_START);
    }

    private static ConnectorKeyRing ring(ConnectorKeyRing.Key... keys) {
        return EventSamples.keyRing(1, VISIT_START, keys);
    }

    private static String assertInvalid(Executable construction) {
        return assertThrows(IllegalArgumentException.class, construction).getMessage();
    }
}
