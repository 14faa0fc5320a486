package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.callrecords.MediaStream;
import com.microsoft.kiota.PeriodAndDuration;
import io.ehrconnector.events.CallQualityReported.MediaQuality;

import java.time.Duration;

/**
 * The figures of the streams of one kind of media of one participant, summed up as they are added: an average is the mean
 * of the streams' averages, a maximum the largest of their maxima, and a figure no stream reported stays null. A value
 * outside what the figure can be (a negative time, a loss rate above 1) counts as not reported.
 */
final class MediaTotals {

    private final boolean frames;
    private int streams;
    private final Mean averageJitterMs = new Mean();
    private final Max maxJitterMs = new Max();
    private final Mean averagePacketLossRate = new Mean();
    private final Max maxPacketLossRate = new Max();
    private final Mean averageRoundTripMs = new Mean();
    private final Max maxRoundTripMs = new Max();
    private final Mean averageFrameRate = new Mean();

    MediaTotals(MediaKind kind) {
        this.frames = kind.hasFrames();
    }

    void add(MediaStream stream) {
        streams++;
        averageJitterMs.add(milliseconds(stream.getAverageJitter()));
        maxJitterMs.add(milliseconds(stream.getMaxJitter()));
        averagePacketLossRate.add(rate(stream.getAveragePacketLossRate()));
        maxPacketLossRate.add(rate(stream.getMaxPacketLossRate()));
        averageRoundTripMs.add(milliseconds(stream.getAverageRoundTripTime()));
        maxRoundTripMs.add(milliseconds(stream.getMaxRoundTripTime()));
        if (frames) {
            Float received = stream.getAverageReceivedFrameRate();
            averageFrameRate.add(notNegative(received != null ? received : stream.getAverageVideoFrameRate()));
        }
    }

    /** The figures, or null when no stream was added. */
    MediaQuality quality() {
        if (streams == 0) {
            return null;
        }
        return new MediaQuality(streams, averageJitterMs.value(), maxJitterMs.value(), averagePacketLossRate.value(),
                maxPacketLossRate.value(), averageRoundTripMs.value(), maxRoundTripMs.value(), averageFrameRate.value());
    }

    /** Graph writes these as ISO-8601 durations ({@code PT0.015S}). */
    static Double milliseconds(PeriodAndDuration value) {
        boolean withDays = value != null && value.getPeriod() != null && !value.getPeriod().isZero();
        if (value == null || value.getDuration() == null || withDays) {
            return null;
        }
        Duration duration = value.getDuration();
        return duration.isNegative() ? null : duration.toNanos() / 1_000_000.0;
    }

    private static Double rate(Float value) {
        return value == null || value.isNaN() || value < 0 || value > 1 ? null : decimal(value);
    }

    private static Double notNegative(Float value) {
        return value == null || value.isNaN() || value.isInfinite() || value < 0 ? null : decimal(value);
    }

    /** The float's shortest decimal (0.124f is 0.124, not 0.12399999797344208), so thresholds compare as people read them. */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static final class Mean {
        private double sum;
        private int count;

        void add(Double value) {
            if (value != null) {
                sum += value;
                count++;
            }
        }

        Double value() {
            return count == 0 ? null : sum / count;
        }
    }

    private static final class Max {
        private Double max;

        void add(Double value) {
            if (value != null && (max == null || value > max)) {
                max = value;
            }
        }

        Double value() {
            return max;
        }
    }
}
