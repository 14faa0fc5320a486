package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;
import io.ehrconnector.events.ParticipantPresence.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The poor-stream conditions at, just beyond and just within each threshold, and figures that were not reported. */
class QualityFlagsTest {

    static final QualityThresholds CQD = new QualityThresholds(new QualityThresholds.Audio(30, 0.1, 500),
            new QualityThresholds.Visual(7, 0.15), new QualityThresholds.Visual(2, 0.15));

    private final QualityFlags flags = new QualityFlags(CQD);

    @Test
    void audioAtEachThresholdIsNotPoorAndJustBeyondItIs() {
        assertEquals(List.of(), flags.of(participant(audio(30.0, 0.1, 500.0), null, null)).audio());
        assertEquals(List.of(Figure.AVERAGE_JITTER_MS), flags.of(participant(audio(30.01, 0.1, 500.0), null, null)).audio());
        assertEquals(List.of(Figure.AVERAGE_PACKET_LOSS_RATE),
                flags.of(participant(audio(30.0, 0.1001, 500.0), null, null)).audio());
        assertEquals(List.of(Figure.AVERAGE_ROUND_TRIP_MS),
                flags.of(participant(audio(30.0, 0.1, 500.5), null, null)).audio());
        assertEquals(List.of(Figure.AVERAGE_JITTER_MS, Figure.AVERAGE_PACKET_LOSS_RATE, Figure.AVERAGE_ROUND_TRIP_MS),
                flags.of(participant(audio(41.5, 0.124, 640.0), null, null)).audio());
    }

    @Test
    void videoAndScreenSharingArePoorBelowTheFrameRateOrAboveThePacketLoss() {
        ParticipantFlags atThresholds = flags.of(participant(null, visual(7.0, 0.15), visual(2.0, 0.15)));
        assertEquals(List.of(), atThresholds.video());
        assertEquals(List.of(), atThresholds.screenSharing());
        assertFalse(atThresholds.poor());

        ParticipantFlags beyond = flags.of(participant(null, visual(6.99, 0.15), visual(2.0, 0.16)));
        assertEquals(List.of(Figure.AVERAGE_FRAME_RATE), beyond.video());
        assertEquals(List.of(Figure.AVERAGE_PACKET_LOSS_RATE), beyond.screenSharing());
        assertTrue(beyond.poor());
    }

    @Test
    void figuresNotReportedAndMediaNotUsedAreNeverPoor() {
        MediaQuality silentFigures = new MediaQuality(2, null, null, null, null, null, null, null);
        ParticipantFlags flagged = flags.of(participant(silentFigures, silentFigures, null));

        assertEquals(new ParticipantFlags(List.of(), List.of(), List.of()), flagged);
        assertFalse(flags.of(participant(null, null, null)).poor());
    }

    @Test
    void otherThresholdsFlagTheSameFiguresDifferently() {
        QualityFlags strict = new QualityFlags(new QualityThresholds(new QualityThresholds.Audio(10, 0.01, 100),
                new QualityThresholds.Visual(25, 0.01), new QualityThresholds.Visual(2, 0.5)));
        ParticipantQuality typical = participant(audio(12.0, 0.02, 150.0), visual(20.0, 0.005), visual(8.0, 0.05));

        ParticipantFlags flagged = strict.of(typical);

        assertEquals(List.of(Figure.AVERAGE_JITTER_MS, Figure.AVERAGE_PACKET_LOSS_RATE, Figure.AVERAGE_ROUND_TRIP_MS),
                flagged.audio());
        assertEquals(List.of(Figure.AVERAGE_FRAME_RATE), flagged.video());
        assertEquals(List.of(), flagged.screenSharing());
        assertFalse(flags.of(typical).poor(), "within the default thresholds");
    }

    static ParticipantQuality participant(MediaQuality audio, MediaQuality video, MediaQuality screenSharing) {
        return new ParticipantQuality(List.of("p-1"), Role.PATIENT, audio, video, screenSharing);
    }

    static MediaQuality audio(double jitterMs, double packetLossRate, double roundTripMs) {
        return new MediaQuality(2, jitterMs, jitterMs * 2, packetLossRate, Math.min(1, packetLossRate * 2), roundTripMs,
                roundTripMs * 2, null);
    }

    static MediaQuality visual(double frameRate, double packetLossRate) {
        return new MediaQuality(2, 5.0, 10.0, packetLossRate, Math.min(1, packetLossRate * 2), 40.0, 80.0, frameRate);
    }
}
