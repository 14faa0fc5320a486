package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.CallView;
import io.ehrconnector.audit.quality.Figure;
import io.ehrconnector.audit.quality.MediaView;
import io.ehrconnector.audit.quality.ParticipantView;
import io.ehrconnector.audit.quality.QualityThresholds;
import io.ehrconnector.audit.quality.VisitQuality;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the call quality page of one visit shows, ready to print: each call with its participants by role, every figure as
 * text with whether it is poor, and the thresholds in words. Roles and opaque ids only; the data holds no names.
 */
record QualityPage(String appointmentId, String zone, List<Call> calls, List<String> thresholds) {

    private static final String NONE = "–";

    record Call(String started, String ended, String callRecordId, long version, List<Participant> participants) {
    }

    /**
     * One participant; {@code figures} in the page's column order: audio jitter, packet loss and round trip, video frame
     * rate and packet loss, screen-sharing frame rate and packet loss.
     */
    record Participant(String role, String participantIds, boolean poor, List<Cell> figures) {
    }

    /** One figure: its text, and whether it is beyond its threshold. */
    record Cell(String text, boolean poor) {
    }

    static QualityPage of(VisitQuality quality, ZoneId zone) {
        return new QualityPage(quality.appointmentId(), zone.getId(),
                quality.calls().stream().map(call -> call(call, zone)).toList(), thresholds(quality.thresholds()));
    }

    private static Call call(CallView call, ZoneId zone) {
        return new Call(time(call.callStartedAt(), zone), time(call.callEndedAt(), zone), call.callRecordId(),
                call.version(), call.participants().stream().map(QualityPage::participant).toList());
    }

    private static Participant participant(ParticipantView participant) {
        MediaView audio = participant.audio();
        MediaView video = participant.video();
        MediaView screen = participant.screenSharing();
        return new Participant(role(participant), String.join(", ", participant.participantIds()), participant.poor(),
                List.of(cell(audio, Figure.AVERAGE_JITTER_MS, MediaView::averageJitterMs, QualityPage::ms),
                        cell(audio, Figure.AVERAGE_PACKET_LOSS_RATE, MediaView::averagePacketLossRate, QualityPage::percent),
                        cell(audio, Figure.AVERAGE_ROUND_TRIP_MS, MediaView::averageRoundTripMs, QualityPage::ms),
                        cell(video, Figure.AVERAGE_FRAME_RATE, MediaView::averageFrameRate, QualityPage::fps),
                        cell(video, Figure.AVERAGE_PACKET_LOSS_RATE, MediaView::averagePacketLossRate, QualityPage::percent),
                        cell(screen, Figure.AVERAGE_FRAME_RATE, MediaView::averageFrameRate, QualityPage::fps),
                        cell(screen, Figure.AVERAGE_PACKET_LOSS_RATE, MediaView::averagePacketLossRate, QualityPage::percent)));
    }

    private static Cell cell(MediaView media, Figure figure, Function<MediaView, Double> value,
                             Function<Double, String> format) {
        if (media == null || value.apply(media) == null) {
            return new Cell(NONE, false);
        }
        return new Cell(format.apply(value.apply(media)), media.isFlagged(figure));
    }

    private static List<String> thresholds(QualityThresholds thresholds) {
        return List.of(
                "Audio: average jitter above " + ms(thresholds.audio().maxJitterMs()) + ", average packet loss above "
                        + percent(thresholds.audio().maxPacketLossRate()) + " or average round trip above "
                        + ms(thresholds.audio().maxRoundTripMs()),
                visual("Video", thresholds.video()), visual("Screen sharing", thresholds.screenSharing()));
    }

    private static String visual(String medium, QualityThresholds.Visual limits) {
        return medium + ": average frame rate below " + fps(limits.minFrameRate()) + " or average packet loss above "
                + percent(limits.maxPacketLossRate());
    }

    private static String role(ParticipantView participant) {
        return switch (participant.role()) {
            case PROVIDER -> "Provider";
            case PATIENT -> "Patient";
            case GUEST -> "Guest";
        };
    }

    private static String ms(double value) {
        return decimal(value) + " ms";
    }

    private static String percent(double rate) {
        return decimal(rate * 100) + " %";
    }

    private static String fps(double value) {
        return decimal(value) + " fps";
    }

    private static String decimal(double value) {
        return new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String time(OffsetDateTime time, ZoneId zone) {
        return time.atZoneSameInstant(zone).format(ReportPage.TIME);
    }
}
