package io.ehrconnector.sms.plan;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.AppointmentEvent.Status;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.SmsDelivery.MessageType;
import io.ehrconnector.events.SmsDelivery.Reason;
import io.ehrconnector.sms.plan.Plan.RecipientAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePlannerTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 15, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime START = NOW.plusDays(3);
    private static final String CONFIGURATION = UUID.randomUUID().toString();
    private static final List<Duration> OFFSETS = List.of(Duration.ofHours(72).plusMinutes(30), Duration.ofHours(24),
            Duration.ofHours(1));

    @Test
    void aBookingGetsItsConfirmationAndEveryReminderStillAhead() {
        Plan plan = plan(EventType.APPOINTMENT_SCHEDULED, event(START, Status.BOOKED), null, sms(true, true, true));

        assertEquals(List.of(MessageType.CONFIRMATION_SCHEDULED, MessageType.REMINDER, MessageType.REMINDER),
                plan.messages().stream().map(PlannedMessage::type).toList());
        PlannedMessage confirmation = plan.messages().getFirst();
        assertEquals(NOW, confirmation.dueAt());
        assertEquals("event-1", confirmation.occasion());
        // 72.5 hours before a start 72 hours ahead has passed: no reminder, nothing to record.
        assertEquals(List.of(START.minusHours(24), START.minusHours(1)),
                plan.messages().stream().filter(PlannedMessage::isReminder).map(PlannedMessage::dueAt).toList());
        assertTrue(plan.messages().stream().allMatch(message -> message.notSent() == null));
        assertEquals(RecipientAction.KEEP_UNTIL_START, plan.recipient());
        assertEquals(START.toInstant().toString(), plan.keepRemindersFor());
    }

    @Test
    void anUpdateThatLeavesTheStartAloneEarnsNoConfirmationAndKeepsTheReminders() {
        Plan plan = plan(EventType.APPOINTMENT_UPDATED, event(START, Status.BOOKED),
                new KnownAppointment(START, Status.BOOKED), sms(true, true, true));

        assertEquals(List.of(MessageType.REMINDER, MessageType.REMINDER),
                plan.messages().stream().map(PlannedMessage::type).toList());
        assertFalse(plan.withdrawConfirmations());
        assertEquals(START.toInstant().toString(), plan.keepRemindersFor());
    }

    @Test
    void aNewStartEarnsAnUpdatedConfirmationAndRemindersForTheNewTimeOnly() {
        OffsetDateTime later = START.plusDays(1);
        Plan plan = plan(EventType.APPOINTMENT_UPDATED, event(later, Status.BOOKED),
                new KnownAppointment(START, Status.BOOKED), sms(true, true, true));

        assertEquals(MessageType.CONFIRMATION_UPDATED, plan.messages().getFirst().type());
        assertTrue(plan.withdrawConfirmations());
        assertEquals(later.toInstant().toString(), plan.keepRemindersFor());
        assertTrue(plan.messages().stream().filter(PlannedMessage::isReminder)
                .allMatch(reminder -> reminder.occasion().equals(later.toInstant().toString())));
    }

    @Test
    void aRescheduleOfAnAppointmentNeverSeenIsConfirmedAsUpdated() {
        Plan plan = plan(EventType.APPOINTMENT_RESCHEDULED, event(START, Status.BOOKED), null, sms(true, true, true));
        assertEquals(MessageType.CONFIRMATION_UPDATED, plan.messages().getFirst().type());
    }

    @Test
    void aCancellationIsConfirmedOnceAndKeepsTheNumberOnlyForThatText() {
        Plan plan = plan(EventType.APPOINTMENT_CANCELLED, event(START, Status.CANCELLED),
                new KnownAppointment(START, Status.BOOKED), sms(true, true, true));
        assertEquals(List.of(MessageType.CONFIRMATION_CANCELLED), plan.messages().stream().map(PlannedMessage::type).toList());
        assertNull(plan.keepRemindersFor());
        assertTrue(plan.withdrawConfirmations());
        assertEquals(RecipientAction.KEEP_FOR_CANCELLATION_TEXT, plan.recipient());

        Plan again = plan(EventType.APPOINTMENT_DELETED, event(START, Status.DELETED),
                new KnownAppointment(START, Status.CANCELLED), sms(true, true, true));
        assertTrue(again.messages().isEmpty());
        assertEquals(RecipientAction.ERASE, again.recipient());
    }

    @Test
    void aCancellationWithoutItsTextErasesTheNumberAtOnce() {
        Plan plan = plan(EventType.APPOINTMENT_CANCELLED, event(START, Status.CANCELLED),
                new KnownAppointment(START, Status.BOOKED), sms(true, true, false));
        assertEquals(Reason.MESSAGE_TYPE_DISABLED, plan.messages().getFirst().notSent());
        assertEquals(RecipientAction.ERASE, plan.recipient());
    }

    @Test
    void aNoShowSendsNothingWithdrawsEverythingAndErasesTheNumber() {
        Plan plan = plan(EventType.APPOINTMENT_NO_SHOW, event(START, Status.NO_SHOW),
                new KnownAppointment(START, Status.BOOKED), sms(true, true, true));
        assertTrue(plan.messages().isEmpty());
        assertNull(plan.keepRemindersFor());
        assertTrue(plan.withdrawConfirmations());
        assertEquals(RecipientAction.ERASE, plan.recipient());
    }

    @Test
    void aVisitThatHasStartedGetsNoTexts() {
        Plan plan = plan(EventType.APPOINTMENT_SCHEDULED, event(NOW.minusMinutes(1), Status.BOOKED), null,
                sms(true, true, true));
        assertTrue(plan.messages().isEmpty());
        assertEquals(RecipientAction.ERASE, plan.recipient());
    }

    @Test
    void withSmsOffOrConsentsMissingEveryTextIsRecordedAsNotSentAndNoNumberIsKept() {
        for (ConfigurationSnapshot.SmsSettings off : List.of(
                new ConfigurationSnapshot.SmsSettings(false, true, "+18005550100", true, true, true, OFFSETS),
                new ConfigurationSnapshot.SmsSettings(true, false, "+18005550100", true, true, true, OFFSETS),
                new ConfigurationSnapshot.SmsSettings(true, true, null, true, true, true, OFFSETS))) {
            Plan plan = plan(EventType.APPOINTMENT_SCHEDULED, event(START, Status.BOOKED), null, off);
            assertEquals(3, plan.messages().size());
            assertTrue(plan.messages().stream().allMatch(message -> message.notSent() == Reason.SMS_DISABLED));
            assertEquals(RecipientAction.ERASE, plan.recipient());
        }
        Plan unapproved = MessagePlanner.plan(EventType.APPOINTMENT_SCHEDULED, "event-1", event(START, Status.BOOKED), null,
                configuration(sms(true, true, true), ConfigurationSnapshot.Status.DISABLED), NOW);
        assertTrue(unapproved.messages().stream().allMatch(message -> message.notSent() == Reason.SMS_DISABLED));
    }

    @Test
    void aConfirmationSwitchedOffIsRecordedAsSuchWhileRemindersGo() {
        Plan plan = plan(EventType.APPOINTMENT_SCHEDULED, event(START, Status.BOOKED), null, sms(false, true, true));
        assertEquals(Reason.MESSAGE_TYPE_DISABLED, plan.messages().getFirst().notSent());
        assertTrue(plan.messages().stream().filter(PlannedMessage::isReminder).allMatch(reminder -> reminder.notSent() == null));
        assertEquals(RecipientAction.KEEP_UNTIL_START, plan.recipient());
    }

    @Test
    void aCancelledVisitBookedAgainIsConfirmed() {
        Plan plan = plan(EventType.APPOINTMENT_SCHEDULED, event(START, Status.BOOKED),
                new KnownAppointment(START, Status.CANCELLED), sms(true, true, true));
        assertEquals(MessageType.CONFIRMATION_SCHEDULED, plan.messages().getFirst().type());
        Plan updated = plan(EventType.APPOINTMENT_UPDATED, event(START, Status.BOOKED),
                new KnownAppointment(START, Status.CANCELLED), sms(true, true, true));
        assertEquals(MessageType.CONFIRMATION_UPDATED, updated.messages().getFirst().type());
    }

    private static Plan plan(EventType type, AppointmentEvent event, KnownAppointment previous,
                             ConfigurationSnapshot.SmsSettings sms) {
        return MessagePlanner.plan(type, "event-1", event, previous, configuration(sms, ConfigurationSnapshot.Status.APPROVED),
                NOW);
    }

    private static ConfigurationSnapshot.SmsSettings sms(boolean onScheduled, boolean onUpdated, boolean onCancelled) {
        return new ConfigurationSnapshot.SmsSettings(true, true, "+18005550100", onScheduled, onUpdated, onCancelled, OFFSETS);
    }

    private static ConfigurationSnapshot configuration(ConfigurationSnapshot.SmsSettings sms,
                                                       ConfigurationSnapshot.Status status) {
        return new ConfigurationSnapshot(CONFIGURATION, UUID.randomUUID().toString(), ConfigurationSnapshot.Environment.TEST,
                "https://ehr.example.org/api/FHIR/R4", status, 1, "Northwind Health", "America/Chicago", sms, null, NOW);
    }

    private static AppointmentEvent event(OffsetDateTime start, Status status) {
        return new AppointmentEvent(CONFIGURATION, "4711", start, start.plusMinutes(30), status, null, List.of(), List.of(),
                "en", "MSG-1", "EPIC", "HOSP");
    }
}
