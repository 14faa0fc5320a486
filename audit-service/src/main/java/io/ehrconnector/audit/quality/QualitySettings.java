package io.ehrconnector.audit.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The thresholds beyond which a call's figures count as poor ({@code ehr.reports.quality.*}). The defaults are the poor-stream
 * conditions of Microsoft's Call Quality Dashboard (see docs/operations.md for the source and how Graph's figures differ from
 * CQD's). Read when a report is read, so a changed threshold re-flags every stored call.
 */
@ConfigMapping(prefix = "ehr.reports.quality")
public interface QualitySettings {

    Audio audio();

    Video video();

    ScreenSharing screenSharing();

    interface Audio {

        /** Average jitter above this, in milliseconds, is poor. */
        @WithDefault("30")
        double maxJitterMs();

        /** An average share of packets lost above this (0 to 1) is poor. */
        @WithDefault("0.1")
        double maxPacketLossRate();

        /** An average network round trip above this, in milliseconds, is poor. */
        @WithDefault("500")
        double maxRoundTripMs();
    }

    /** CQD's video classifier: poor below 7 frames per second or above 15 % packet loss after error correction. */
    interface Video {

        @WithDefault("7")
        double minFrameRate();

        @WithDefault("0.15")
        double maxPacketLossRate();
    }

    /** CQD's classifier for video-based screen sharing: a still screen sends few frames, so only below 2 per second is poor. */
    interface ScreenSharing {

        @WithDefault("2")
        double minFrameRate();

        @WithDefault("0.15")
        double maxPacketLossRate();
    }
}
