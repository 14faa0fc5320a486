package io.ehrconnector.audit.quality;

import io.ehrconnector.events.CallQualityReported.MediaQuality;
import io.ehrconnector.events.CallQualityReported.ParticipantQuality;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A visit's call quality in one line, over all of its call records: how many participant entries Graph measured (a
 * participant of two calls counts twice), how many of them had a poor figure, and the worst averages (null where no stream
 * reported one).
 *
 * @param calls                call records of the visit
 * @param measuredParticipants participant entries of those call records
 * @param poorParticipants     entries with at least one poor figure under the current thresholds
 * @param worstJitterMs        highest average audio jitter
 * @param worstPacketLossRate  highest average packet loss of any medium
 * @param worstRoundTripMs     highest average audio round trip
 * @param lowestVideoFrameRate lowest average video frame rate
 */
public record QualitySummary(int calls, int measuredParticipants, int poorParticipants, Double worstJitterMs,
                             Double worstPacketLossRate, Double worstRoundTripMs, Double lowestVideoFrameRate) {

    static QualitySummary of(List<CallQualityRecord> records, QualityFlags flags) {
        List<ParticipantQuality> participants = records.stream().flatMap(record -> record.participants().stream()).toList();
        int poor = (int) participants.stream().filter(participant -> flags.of(participant).poor()).count();
        List<MediaQuality> audio = media(participants, ParticipantQuality::audio);
        List<MediaQuality> every = Stream.of(audio, media(participants, ParticipantQuality::video),
                media(participants, ParticipantQuality::screenSharing)).flatMap(List::stream).toList();
        return new QualitySummary(records.size(), participants.size(), poor,
                highest(audio, MediaQuality::averageJitterMs), highest(every, MediaQuality::averagePacketLossRate),
                highest(audio, MediaQuality::averageRoundTripMs),
                lowest(media(participants, ParticipantQuality::video), MediaQuality::averageFrameRate));
    }

    private static List<MediaQuality> media(List<ParticipantQuality> participants,
                                            Function<ParticipantQuality, MediaQuality> medium) {
        return participants.stream().map(medium).filter(Objects::nonNull).toList();
    }

    private static Double highest(List<MediaQuality> media, Function<MediaQuality, Double> figure) {
        return media.stream().map(figure).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    private static Double lowest(List<MediaQuality> media, Function<MediaQuality, Double> figure) {
        return media.stream().map(figure).filter(Objects::nonNull).min(Double::compare).orElse(null);
    }
}
