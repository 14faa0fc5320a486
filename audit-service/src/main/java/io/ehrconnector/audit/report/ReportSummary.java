package io.ehrconnector.audit.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures behind the report's charts, for the visits a {@link ReportQuery} selects: visits per day and status, and the
 * lobby waits and durations of the visits that started.
 *
 * @param totals               visits per status over the whole range
 * @param days                 every day of the range, in order, with its visits per status (days without visits included)
 * @param medianDurationSeconds of the started visits that ended; null when none did
 */
public record ReportSummary(LocalDate from, LocalDate to, String zone, Map<VisitStatus, Long> totals, List<Day> days,
                            LobbyWait lobbyWait, Double medianDurationSeconds) {

    public record Day(LocalDate day, Map<VisitStatus, Long> visits, long total) {
    }

    /**
     * @param startedVisits visits that started (a provider and the patient present together)
     * @param buckets       how many waited how long: [fromSeconds, toSeconds), the last without an upper bound
     */
    public record LobbyWait(long startedVisits, Double medianSeconds, Double p90Seconds, List<Bucket> buckets) {
    }

    public record Bucket(int fromSeconds, Integer toSeconds, long visits) {
    }
}
