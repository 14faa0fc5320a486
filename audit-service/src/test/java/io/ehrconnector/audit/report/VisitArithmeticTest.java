package io.ehrconnector.audit.report;

import io.ehrconnector.audit.report.VisitFact.Appointment;
import io.ehrconnector.audit.report.VisitFact.Presence;
import io.ehrconnector.audit.report.VisitFact.SmsSent;
import io.ehrconnector.events.AppointmentEvent.Status;
import io.ehrconnector.events.ParticipantPresence.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The report arithmetic on crafted sequences of joins, leaves, texts and scheduling messages. */
class VisitArithmeticTest {

    private static final OffsetDateTime NINE = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void theVisitStartsWhenAProviderAndThePatientArePresentAndEndsWhenTheLastOneLeaves() {
        List<VisitFact> facts = List.of(
                join("patient", Role.PATIENT, 2),
                join("provider", Role.PROVIDER, 9),
                join("interpreter", Role.GUEST, 10),
                leave("interpreter", Role.GUEST, 20),
                leave("provider", Role.PROVIDER, 31),
                leave("patient", Role.PATIENT, 32));

        VisitSummary visit = VisitArithmetic.summarise(facts);

        assertEquals(at(2), visit.firstJoinedAt());
        assertEquals(at(9), visit.startedAt());
        assertEquals(Duration.ofMinutes(7), visit.lobbyWait());
        assertEquals(at(32), visit.endedAt());
        assertEquals(Duration.ofMinutes(23), visit.duration());
        assertEquals(3, visit.peakAttendees());
        assertEquals(0, visit.presentNow());
        assertEquals(1, visit.providers());
        assertEquals(1, visit.patients());
        assertEquals(1, visit.guests());
    }

    @Test
    void aProviderWaitingForThePatientIsNoLobbyWait() {
        VisitSummary visit = VisitArithmetic.summarise(List.of(join("provider", Role.PROVIDER, 0),
                join("patient", Role.PATIENT, 4)));

        assertEquals(at(4), visit.startedAt());
        assertEquals(Duration.ZERO, visit.lobbyWait());
        assertNull(visit.endedAt(), "both are still there");
        assertNull(visit.duration());
        assertEquals(2, visit.presentNow());
    }

    @Test
    void theOrderEventsArriveInDoesNotChangeTheFigures() {
        List<VisitFact> facts = new ArrayList<>(List.of(
                join("patient", Role.PATIENT, 1), join("provider", Role.PROVIDER, 5), join("guest", Role.GUEST, 6),
                leave("guest", Role.GUEST, 7), leave("provider", Role.PROVIDER, 15), join("provider", Role.PROVIDER, 16),
                leave("patient", Role.PATIENT, 25), leave("provider", Role.PROVIDER, 26), sms(-60), sms(-30)));
        VisitSummary inOrder = VisitArithmetic.summarise(facts);
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(facts, random);
            assertEquals(inOrder, VisitArithmetic.summarise(facts));
        }
        assertEquals(at(26), inOrder.endedAt());
        assertEquals(2, inOrder.smsSent());
    }

    @Test
    void repeatedJoinsAndLeavesWithoutAJoinChangeNothing() {
        VisitSummary visit = VisitArithmetic.summarise(List.of(
                leave("ghost", Role.GUEST, 0),
                join("patient", Role.PATIENT, 1), join("patient", Role.PATIENT, 1),
                join("provider", Role.PROVIDER, 3),
                leave("provider", Role.PROVIDER, 10), leave("provider", Role.PROVIDER, 10),
                leave("patient", Role.PATIENT, 11)));

        assertEquals(2, visit.peakAttendees());
        assertEquals(0, visit.guests(), "a leave without a join is no guest");
        assertEquals(at(11), visit.endedAt());
    }

    @Test
    void aParticipantSwitchingDevicesAtTheSameInstantIsNotCountedTwiceAtThePeak() {
        VisitSummary visit = VisitArithmetic.summarise(List.of(
                join("provider", Role.PROVIDER, 0), join("patient-laptop", Role.PATIENT, 1),
                join("patient-phone", Role.PATIENT, 8), leave("patient-laptop", Role.PATIENT, 8)));

        assertEquals(2, visit.peakAttendees());
        assertEquals(2, visit.patients(), "two joins of the patient");
    }

    @Test
    void aVisitEveryoneLeftIsOpenAgainWhenSomeoneRejoins() {
        List<VisitFact> facts = new ArrayList<>(List.of(join("provider", Role.PROVIDER, 0), join("patient", Role.PATIENT, 1),
                leave("patient", Role.PATIENT, 10), leave("provider", Role.PROVIDER, 11)));
        assertEquals(at(11), VisitArithmetic.summarise(facts).endedAt());

        facts.add(join("patient", Role.PATIENT, 14));
        VisitSummary rejoined = VisitArithmetic.summarise(facts);
        assertNull(rejoined.endedAt());
        assertEquals(at(1), rejoined.startedAt(), "the start does not move");

        facts.add(leave("patient", Role.PATIENT, 15));
        assertEquals(at(15), VisitArithmetic.summarise(facts).endedAt());
    }

    @Test
    void withoutTheProviderAndThePatientTogetherTheVisitNeverStarts() {
        VisitSummary visit = VisitArithmetic.summarise(List.of(join("provider", Role.PROVIDER, 0),
                leave("provider", Role.PROVIDER, 5), join("patient", Role.PATIENT, 6), leave("patient", Role.PATIENT, 20)));

        assertNull(visit.startedAt());
        assertNull(visit.endedAt());
        assertNull(visit.lobbyWait());
        assertEquals(1, visit.peakAttendees());
    }

    @Test
    void theLastSchedulingMessageGivesStatusAndScheduleAndTheLastNamedDepartmentStays() {
        VisitSummary visit = VisitArithmetic.summarise(List.of(
                new Appointment(Status.BOOKED, "DEP-1", at(0), at(30), at(-600)),
                new Appointment(Status.BOOKED, null, at(60), at(90), at(-300)),
                new Appointment(Status.NO_SHOW, null, at(60), at(90), at(120))));

        assertEquals(Status.NO_SHOW, visit.appointmentStatus());
        assertEquals("DEP-1", visit.departmentId());
        assertEquals(at(60), visit.scheduledStart());
        assertEquals(at(90), visit.scheduledEnd());
    }

    @Test
    void aVisitThatHasNotStartedIsANoShowHalfAnHourAfterItsEnd() {
        VisitSummary scheduled = VisitArithmetic.summarise(List.of(
                new Appointment(Status.BOOKED, null, at(0), at(30), at(-600))));
        assertEquals(at(60), VisitStatus.noShowAfter(scheduled));

        VisitSummary withoutEnd = VisitArithmetic.summarise(List.of(
                new Appointment(Status.BOOKED, null, at(0), null, at(-600))));
        assertEquals(at(90), VisitStatus.noShowAfter(withoutEnd), "an hour assumed");

        VisitSummary joinsOnly = VisitArithmetic.summarise(List.of(join("provider", Role.PROVIDER, 5)));
        assertEquals(at(95), VisitStatus.noShowAfter(joinsOnly), "from the first join");
        assertNull(VisitStatus.noShowAfter(VisitArithmetic.summarise(List.of(sms(0)))));
    }

    private static Presence join(String participant, Role role, int minute) {
        return new Presence(participant, role, true, at(minute));
    }

    private static Presence leave(String participant, Role role, int minute) {
        return new Presence(participant, role, false, at(minute));
    }

    private static SmsSent sms(int minute) {
        return new SmsSent(at(minute));
    }

    private static OffsetDateTime at(int minute) {
        return NINE.plusMinutes(minute);
    }
}
