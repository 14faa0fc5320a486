package io.ehrconnector.audit.report;

import io.ehrconnector.audit.report.VisitFact.Appointment;
import io.ehrconnector.audit.report.VisitFact.Presence;
import io.ehrconnector.audit.report.VisitFact.SmsSent;
import io.ehrconnector.events.ParticipantPresence.Role;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a visit's figures from its facts, in any order they arrived: facts are replayed by time, so a late event gives
 * the same result as a timely one. Presence is a set of participant ids, so a repeated join or a leave without a join (a
 * lost or duplicated notification) changes nothing. At the same instant leaves count before joins: a participant who
 * switches devices is not counted twice at the peak.
 */
final class VisitArithmetic {

    private static final Comparator<VisitFact> REPLAY_ORDER = Comparator.comparing(VisitFact::at)
            .thenComparing(fact -> fact instanceof Presence presence && presence.connected());

    private VisitArithmetic() {
    }

    static VisitSummary summarise(List<? extends VisitFact> facts) {
        List<? extends VisitFact> ordered = facts.stream().sorted(REPLAY_ORDER).toList();
        Map<String, Role> present = new HashMap<>();
        Map<Role, Set<String>> joinedByRole = new HashMap<>();
        Appointment appointment = null;
        String departmentId = null;
        OffsetDateTime firstJoinedAt = null;
        OffsetDateTime firstPatientAt = null;
        OffsetDateTime startedAt = null;
        OffsetDateTime endedAt = null;
        int peak = 0;
        int smsSent = 0;
        for (VisitFact fact : ordered) {
            switch (fact) {
                case Presence presence when presence.connected() -> {
                    present.put(presence.participantId(), presence.role());
                    joinedByRole.computeIfAbsent(presence.role(), role -> new HashSet<>()).add(presence.participantId());
                    if (firstJoinedAt == null) {
                        firstJoinedAt = presence.at();
                    }
                    if (presence.role() == Role.PATIENT && firstPatientAt == null) {
                        firstPatientAt = presence.at();
                    }
                    if (startedAt == null && present.containsValue(Role.PROVIDER) && present.containsValue(Role.PATIENT)) {
                        startedAt = presence.at();
                    }
                    peak = Math.max(peak, present.size());
                    endedAt = null;
                }
                case Presence presence -> {
                    if (present.remove(presence.participantId()) != null && present.isEmpty() && startedAt != null) {
                        endedAt = presence.at();
                    }
                }
                case SmsSent ignored -> smsSent++;
                case Appointment scheduling -> {
                    appointment = scheduling;
                    if (scheduling.departmentId() != null) {
                        departmentId = scheduling.departmentId();
                    }
                }
            }
        }
        return new VisitSummary(appointment == null ? null : appointment.status(), departmentId,
                appointment == null ? null : appointment.start(), appointment == null ? null : appointment.end(),
                firstJoinedAt, firstPatientAt, startedAt, endedAt, present.size(), peak, joined(joinedByRole, Role.PROVIDER),
                joined(joinedByRole, Role.PATIENT), joined(joinedByRole, Role.GUEST), smsSent);
    }

    private static int joined(Map<Role, Set<String>> joinedByRole, Role role) {
        return joinedByRole.getOrDefault(role, Set.of()).size();
    }
}
