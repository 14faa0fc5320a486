package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which of a participant's figures are poor: the Call Quality Dashboard's poor-stream conditions applied to the
 * averages of the participant's streams. A figure Graph did not report is never poor; a value exactly at a threshold is not
 * poor (the conditions are strict, as in the dashboard).
 */
public final class QualityFlags {

    private final QualityThresholds thresholds;

    public QualityFlags(QualityThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public QualityThresholds thresholds() {
        return thresholds;
    }

    public ParticipantFlags of(ParticipantQuality participant) {
        return new ParticipantFlags(audio(participant.audio()), visual(participant.video(), thresholds.video()),
                visual(participant.screenSharing(), thresholds.screenSharing()));
    }

    private List<Figure> audio(MediaQuality media) {
        List<Figure> poor = new ArrayList<>();
        if (media != null) {
            QualityThresholds.Audio limits = thresholds.audio();
            addIf(poor, above(media.averageJitterMs(), limits.maxJitterMs()), Figure.AVERAGE_JITTER_MS);
            addIf(poor, above(media.averagePacketLossRate(), limits.maxPacketLossRate()), Figure.AVERAGE_PACKET_LOSS_RATE);
            addIf(poor, above(media.averageRoundTripMs(), limits.maxRoundTripMs()), Figure.AVERAGE_ROUND_TRIP_MS);
        }
        return List.copyOf(poor);
    }

    private static List<Figure> visual(MediaQuality media, QualityThresholds.Visual limits) {
        List<Figure> poor = new ArrayList<>();
        if (media != null) {
            addIf(poor, above(media.averagePacketLossRate(), limits.maxPacketLossRate()), Figure.AVERAGE_PACKET_LOSS_RATE);
            addIf(poor, media.averageFrameRate() != null && media.averageFrameRate() < limits.minFrameRate(),
                    Figure.AVERAGE_FRAME_RATE);
        }
        return List.copyOf(poor);
    }

    private static boolean above(Double value, double limit) {
        return value != null && value > limit;
    }

    private static void addIf(List<Figure> poor, boolean condition, Figure figure) {
        if (condition) {
            poor.add(figure);
        }
    }
}
