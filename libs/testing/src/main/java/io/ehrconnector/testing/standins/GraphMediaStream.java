package io.ehrconnector.testing.standins;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One direction of one media of a call record's segment ({@code microsoft.graph.callRecords.mediaStream}): the figures Graph
 * measured, durations as ISO-8601 as Graph writes them. A figure left {@code null} is absent, as when Graph did not measure it.
 *
 * @param direction                {@code callerToCallee} or {@code calleeToCaller}
 * @param averageJitter            RFC 3550 jitter, average
 * @param maxJitter                RFC 3550 jitter, maximum
 * @param averagePacketLossRate    share of packets lost, average
 * @param maxPacketLossRate        share of packets lost, maximum
 * @param averageRoundTripTime     network round trip, average
 * @param maxRoundTripTime         network round trip, maximum
 * @param averageReceivedFrameRate video frames per second received (Graph's newer figure)
 * @param averageVideoFrameRate    video frames per second (Graph's older figure)
 */
public record GraphMediaStream(String direction, Duration averageJitter, Duration maxJitter, Double averagePacketLossRate,
                               Double maxPacketLossRate, Duration averageRoundTripTime, Duration maxRoundTripTime,
                               Double averageReceivedFrameRate, Double averageVideoFrameRate) {

    public static final String CALLER_TO_CALLEE = "callerToCallee";
    public static final String CALLEE_TO_CALLER = "calleeToCaller";

    public GraphMediaStream {
        Objects.requireNonNull(direction, "direction");
    }

    /** An audio stream: jitter, packet loss and round trip, no frame rates. */
    public static GraphMediaStream audio(String direction, Duration averageJitter, Duration maxJitter,
                                         double averagePacketLossRate, double maxPacketLossRate, Duration averageRoundTripTime,
                                         Duration maxRoundTripTime) {
        return new GraphMediaStream(direction, averageJitter, maxJitter, averagePacketLossRate, maxPacketLossRate,
                averageRoundTripTime, maxRoundTripTime, null, null);
    }

    /** The same stream with a received frame rate (video, screen sharing). */
    public GraphMediaStream withReceivedFrameRate(double framesPerSecond) {
        return new GraphMediaStream(direction, averageJitter, maxJitter, averagePacketLossRate, maxPacketLossRate,
                averageRoundTripTime, maxRoundTripTime, framesPerSecond, averageVideoFrameRate);
    }

    Map<String, Object> json(String streamId) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("streamId", streamId);
        stream.put("streamDirection", direction);
        stream.put("averageJitter", iso(averageJitter));
        stream.put("maxJitter", iso(maxJitter));
        stream.put("averagePacketLossRate", averagePacketLossRate);
        stream.put("maxPacketLossRate", maxPacketLossRate);
        stream.put("averageRoundTripTime", iso(averageRoundTripTime));
        stream.put("maxRoundTripTime", iso(maxRoundTripTime));
        stream.put("averageReceivedFrameRate", averageReceivedFrameRate);
        stream.put("averageVideoFrameRate", averageVideoFrameRate);
        stream.put("wasMediaBypassed", false);
        stream.values().removeIf(Objects::isNull);
        return stream;
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
