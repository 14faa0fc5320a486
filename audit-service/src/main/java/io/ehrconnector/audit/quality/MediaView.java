package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.MediaQuality;

import java.util.List;

/** One medium of a participant as reports show it: Graph's figures and which of them are poor. */
public record MediaView(int streams, Double averageJitterMs, Double maxJitterMs, Double averagePacketLossRate,
                        Double maxPacketLossRate, Double averageRoundTripMs, Double maxRoundTripMs, Double averageFrameRate,
                        List<Figure> flagged) {

    /** Null when the participant had no such streams. */
    static MediaView of(MediaQuality media, List<Figure> flagged) {
        return media == null ? null : new MediaView(media.streams(), media.averageJitterMs(), media.maxJitterMs(),
                media.averagePacketLossRate(), media.maxPacketLossRate(), media.averageRoundTripMs(),
                media.maxRoundTripMs(), media.averageFrameRate(), flagged);
    }

    public boolean isFlagged(Figure figure) {
        return flagged.contains(figure);
    }
}
