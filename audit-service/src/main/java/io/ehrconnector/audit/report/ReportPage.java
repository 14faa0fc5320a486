package io.ehrconnector.audit.report;

import io.ehrconnector.audit.quality.QualitySummary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the report page shows, ready to print: the filters, the totals, the two charts as SVG geometry, and the visits with
 * their times in the chosen zone. Everything the templates need is computed here, so the templates only lay it out.
 */
record ReportPage(ReportQuery query, String filters, List<Tile> tiles, Chart visitsPerDay, Chart lobbyWaits,
                  List<Row> visits, boolean truncated) {

    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 160;
    static final int AXIS = 20;
    static final int TOP = 10;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm");

    record Tile(String label, String value) {
    }

    /** A bar chart: bars scaled to {@link #CHART_HEIGHT}, and the largest value for the axis label. */
    record Chart(List<Bar> bars, long max) {
    }

    /**
     * One bar, in the chart's coordinates (the value axis leaves {@link #AXIS} on the left, the baseline is at
     * {@link #CHART_HEIGHT} from the top plus {@link #TOP}); {@code completedHeight} is the part that is completed visits
     * (drawn darker).
     */
    record Bar(int x, int width, int height, int completedHeight, String label, String title) {

        public int left() {
            return AXIS + x;
        }

        public int top() {
            return TOP + CHART_HEIGHT - height;
        }

        public int completedTop() {
            return TOP + CHART_HEIGHT - completedHeight;
        }
    }

    /** A choice of the status filter. */
    record StatusOption(String name, String label, boolean selected) {
    }

    record Row(String appointmentId, String department, String environment, String scheduled, String statusName,
               String status, String started, String duration, String lobbyWait, int present, int peak, int providers, int patients,
               int guests, int smsSent, QualityCell quality) {
    }

    /**
     * A visit's call quality in the table: "not measured" (no call record, or one without participants), "OK", or how many
     * participant entries had a poor figure; {@code href} is the visit's quality page, null when there is nothing to show.
     */
    record QualityCell(String label, boolean poor, String href) {
    }

    static ReportPage of(ReportQuery query, ReportSummary summary, List<VisitReportView> visits) {
        return new ReportPage(query, filters(query), tiles(summary), visitsPerDay(summary), lobbyWaits(summary),
                visits.stream().map(visit -> row(visit, query)).toList(), visits.size() >= query.limit());
    }

    /** The status filter's choices, the query's selected. */
    public List<StatusOption> statuses() {
        return Arrays.stream(VisitStatus.values())
                .map(status -> new StatusOption(status.name(), label(status), status == query.status())).toList();
    }

    private static String filters(ReportQuery query) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("from", query.fromDay().toString());
        values.put("to", query.toDay().toString());
        values.put("zone", query.zone().getId());
        values.put("department", query.departmentId());
        values.put("environment", query.environment());
        values.put("status", query.status() == null ? null : query.status().name());
        return encoded(values);
    }

    /** A query string of the values that are not null, in the map's order. */
    private static String encoded(Map<String, String> values) {
        StringBuilder encoded = new StringBuilder();
        values.forEach((name, value) -> {
            if (value != null) {
                encoded.append(encoded.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return encoded.toString();
    }

    private static List<Tile> tiles(ReportSummary summary) {
        List<Tile> tiles = new ArrayList<>();
        long total = summary.totals().values().stream().mapToLong(Long::longValue).sum();
        tiles.add(new Tile("Visits", Long.toString(total)));
        for (VisitStatus status : VisitStatus.values()) {
            tiles.add(new Tile(label(status), Long.toString(summary.totals().getOrDefault(status, 0L))));
        }
        tiles.add(new Tile("Median lobby wait", seconds(summary.lobbyWait().medianSeconds())));
        tiles.add(new Tile("90% waited at most", seconds(summary.lobbyWait().p90Seconds())));
        tiles.add(new Tile("Median duration", seconds(summary.medianDurationSeconds())));
        return tiles;
    }

    private static Chart visitsPerDay(ReportSummary summary) {
        List<ReportSummary.Day> days = summary.days();
        long max = Math.max(1, days.stream().mapToLong(ReportSummary.Day::total).max().orElse(0));
        int width = Math.max(2, CHART_WIDTH / Math.max(1, days.size()));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            ReportSummary.Day day = days.get(i);
            long completed = day.visits().getOrDefault(VisitStatus.COMPLETED, 0L);
            bars.add(new Bar(i * width, Math.max(1, width - 2), scaled(day.total(), max), scaled(completed, max),
                    days.size() <= 14 || i % 7 == 0 ? day.day().toString().substring(5) : "",
                    day.day() + ": " + day.total() + " visits, " + completed + " completed"));
        }
        return new Chart(bars, max);
    }

    private static Chart lobbyWaits(ReportSummary summary) {
        List<ReportSummary.Bucket> buckets = summary.lobbyWait().buckets();
        long max = Math.max(1, buckets.stream().mapToLong(ReportSummary.Bucket::visits).max().orElse(0));
        int width = CHART_WIDTH / buckets.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            ReportSummary.Bucket bucket = buckets.get(i);
            String label = bucket.toSeconds() == null ? bucket.fromSeconds() / 60 + "+ min"
                    : bucket.fromSeconds() / 60 + "-" + bucket.toSeconds() / 60 + " min";
            bars.add(new Bar(i * width, width - 8, scaled(bucket.visits(), max), 0, label,
                    label + ": " + bucket.visits() + " visits"));
        }
        return new Chart(bars, max);
    }

    private static int scaled(long value, long max) {
        return (int) Math.round((double) value * CHART_HEIGHT / max);
    }

    private static Row row(VisitReportView visit, ReportQuery query) {
        return new Row(visit.appointmentId(), visit.departmentId() == null ? "" : visit.departmentId(),
                visit.environment().toLowerCase(Locale.ROOT), time(visit.scheduledStart(), query),
                visit.status().name(), label(visit.status()), time(visit.startedAt(), query), seconds(visit.durationSeconds()),
                seconds(visit.lobbyWaitSeconds()), visit.presentNow(), visit.peakAttendees(), visit.providers(),
                visit.patients(), visit.guests(), visit.smsSent(), quality(visit, query));
    }

    private static QualityCell quality(VisitReportView visit, ReportQuery query) {
        QualitySummary quality = visit.quality();
        if (quality == null || quality.measuredParticipants() == 0) {
            return new QualityCell("not measured", false, null);
        }
        Map<String, String> visitParameters = new LinkedHashMap<>();
        visitParameters.put("configurationId", visit.configurationId());
        visitParameters.put("appointmentId", visit.appointmentId());
        visitParameters.put("zone", query.zone().getId());
        String href = "/reports/quality?" + encoded(visitParameters);
        return quality.poorParticipants() == 0 ? new QualityCell("OK", false, href)
                : new QualityCell(quality.poorParticipants() + " poor", true, href);
    }

    static String label(VisitStatus status) {
        return switch (status) {
            case SCHEDULED -> "Scheduled";
            case WAITING -> "Waiting";
            case IN_PROGRESS -> "In progress";
            case COMPLETED -> "Completed";
            case NO_SHOW -> "No-show";
            case CANCELLED -> "Cancelled";
        };
    }

    private static String time(OffsetDateTime time, ReportQuery query) {
        return time == null ? "" : time.atZoneSameInstant(query.zone()).format(TIME);
    }

    private static String seconds(Number seconds) {
        if (seconds == null) {
            return "–";
        }
        Duration duration = Duration.ofSeconds(Math.round(seconds.doubleValue()));
        return duration.toHours() > 0 ? "%d h %02d min".formatted(duration.toHours(), duration.toMinutesPart())
                : "%d min %02d s".formatted(duration.toMinutes(), duration.toSecondsPart());
    }
}
