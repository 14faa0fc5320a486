package io.ehrconnector.audit.quality;

/**
 * The thresholds in force, as values: what {@link QualityFlags} judges with and what reports show beside the figures.
 *
 * @param audio         poor above any of these
 * @param video         poor below the frame rate or above the packet loss
 * @param screenSharing as video, with thresholds of its own
 */
public record QualityThresholds(Audio audio, Visual video, Visual screenSharing) {

    public record Audio(double maxJitterMs, double maxPacketLossRate, double maxRoundTripMs) {
    }

    public record Visual(double minFrameRate, double maxPacketLossRate) {
    }

    static QualityThresholds of(QualitySettings settings) {
        return new QualityThresholds(
                new Audio(settings.audio().maxJitterMs(), settings.audio().maxPacketLossRate(),
                        settings.audio().maxRoundTripMs()),
                new Visual(settings.video().minFrameRate(), settings.video().maxPacketLossRate()),
                new Visual(settings.screenSharing().minFrameRate(), settings.screenSharing().maxPacketLossRate()));
    }
}
