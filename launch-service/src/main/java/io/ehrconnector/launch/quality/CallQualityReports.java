package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.callrecords.CallRecord;
import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.launch.meeting.StoredVisitMeeting;
import io.ehrconnector.launch.presence.ParticipantIds;
import io.ehrconnector.launch.presence.ParticipantRoles;
import io.ehrconnector.launch.presence.VisitParticipant;
import io.ehrconnector.launch.presence.VisitParticipants;
import io.ehrconnector.launch.quality.CallQualityFigures.MeasuredParticipant;
import io.ehrconnector.support.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;

/**
 * Reports a visit's call as a {@link CallQualityReported} through the outbox, inside the caller's transaction. Each
 * participant is named as presence named them: the participant ids of their joins of the meeting in
 * {@code visit_participant} (matched by identity key) and the role recorded there; a participant presence never saw gets
 * a role decided as presence decides it, and no ids. The event id is derived from the record's id and version, so a
 * record fetched twice is one event.
 */
@ApplicationScoped
class CallQualityReports {

    private static final URI SOURCE = CloudEvent.serviceSource("launch-service");

    private final VisitParticipants joins;
    private final ParticipantIds ids;
    private final ParticipantRoles roles;
    private final Outbox outbox;

    CallQualityReports(VisitParticipants joins, ParticipantIds ids, ParticipantRoles roles, Outbox outbox) {
        this.joins = joins;
        this.ids = ids;
        this.roles = roles;
        this.outbox = outbox;
    }

    Uni<Void> report(String tenantId, StoredVisitMeeting meeting, CallRecord record, List<MeasuredParticipant> measured) {
        if (measured.size() > CallQualityReported.MAX_PARTICIPANTS) {
            throw new UnusableCallRecordException("more participants than a meeting admits");
        }
        if (record.getStartDateTime() == null || record.getEndDateTime() == null
                || record.getEndDateTime().isBefore(record.getStartDateTime())) {
            throw new UnusableCallRecordException("the call record has no start and end in order");
        }
        return Multi.createFrom().iterable(measured)
                .onItem().transformToUniAndConcatenate(participant -> quality(tenantId, meeting, participant))
                .collect().asList()
                .flatMap(participants -> {
                    long version = record.getVersion() == null ? 0 : record.getVersion();
                    CallQualityReported reported = new CallQualityReported(meeting.configurationId, meeting.meetingKey,
                            meeting.meetingId, record.getId(), version, record.getStartDateTime(),
                            record.getEndDateTime(), participants);
                    String key = Topics.visitKey(meeting.configurationId, meeting.meetingKey);
                    String id = CloudEvent.deterministicId(EventType.CALL_QUALITY_REPORTED, record.getId(),
                            String.valueOf(version));
                    return outbox.enqueue(CloudEvent.of(EventType.CALL_QUALITY_REPORTED, id, SOURCE, key,
                            record.getEndDateTime(), reported), key);
                });
    }

    private Uni<ParticipantQuality> quality(String tenantId, StoredVisitMeeting meeting, MeasuredParticipant participant) {
        String identityKey = ids.identityKey(meeting.configurationId, participant.identity());
        return joins.ofIdentity(meeting.configurationId, meeting.meetingKey, identityKey).flatMap(known -> {
            if (!known.isEmpty()) {
                return Uni.createFrom().item(new ParticipantQuality(
                        known.stream().map((VisitParticipant join) -> join.participantId).toList(), known.getFirst().role,
                        participant.audio(), participant.video(), participant.screenSharing()));
            }
            return roles.of(meeting.configurationId, tenantId, participant.identity())
                    .map(assigned -> new ParticipantQuality(List.of(), assigned.role(), participant.audio(),
                            participant.video(), participant.screenSharing()));
        });
    }
}
