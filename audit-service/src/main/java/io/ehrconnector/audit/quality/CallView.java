package io.ehrconnector.audit.quality;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/** One call record of a visit as reports show it; participants by role (providers, patients, guests). */
public record CallView(String callRecordId, String meetingId, long version, OffsetDateTime callStartedAt,
                       OffsetDateTime callEndedAt, List<ParticipantView> participants) {

    static CallView of(CallQualityRecord record, QualityFlags flags) {
        return new CallView(record.callRecordId, record.meetingId, record.version, record.callStartedAt,
                record.callEndedAt, record.participants().stream().map(participant -> ParticipantView.of(participant, flags))
                .sorted(Comparator.comparing(ParticipantView::role)).toList());
    }
}
