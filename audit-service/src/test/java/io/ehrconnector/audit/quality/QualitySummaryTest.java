package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ehrconnector.audit.quality.QualityFlagsTest.audio;
import static io.ehrconnector.audit.quality.QualityFlagsTest.participant;
import static io.ehrconnector.audit.quality.QualityFlagsTest.visual;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A visit's summary over all its call records: entries counted per call, poor ones counted, the worst averages kept. */
class QualitySummaryTest {

    private final QualityFlags flags = new QualityFlags(QualityFlagsTest.CQD);

    @Test
    void countsEveryCallsEntriesAndKeepsTheWorstAverages() {
        CallQualityRecord first = record(List.of(participant(audio(4.0, 0.002, 38.0), visual(29.7, 0.004), null),
                participant(audio(41.5, 0.124, 310.0), null, null)));
        CallQualityRecord second = record(List.of(participant(audio(8.0, 0.01, 620.0), visual(12.0, 0.3), null)));

        QualitySummary summary = QualitySummary.of(List.of(first, second), flags);

        assertEquals(new QualitySummary(2, 3, 2, 41.5, 0.3, 620.0, 12.0), summary);
    }

    @Test
    void aCallWithoutParticipantsOrFiguresHasNoWorstFigures() {
        QualitySummary summary = QualitySummary.of(List.of(record(List.of()),
                record(List.of(participant(null, null, null)))), flags);

        assertEquals(new QualitySummary(2, 1, 0, null, null, null, null), summary);
    }

    private static CallQualityRecord record(List<ParticipantQuality> participants) {
        CallQualityRecord record = new CallQualityRecord();
        record.participantsJson = StoredParticipants.toJson(participants);
        return record;
    }
}
