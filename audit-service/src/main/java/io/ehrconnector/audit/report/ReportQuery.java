package io.ehrconnector.audit.report;

import io.ehrconnector.audit.query.QueryParameters;
import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters of a visit report, checked: the days {@code from} to {@code to} (ISO dates, both included) in {@code zone} (an
 * IANA time zone, default UTC), at most {@link #LONGEST_RANGE_DAYS} days; optionally a department id, an environment, a
 * configuration id and a status; {@code limit} and {@code offset} for pages. Anything else is a 400 problem naming the
 * parameters, never quoting them.
 */
public record ReportQuery(LocalDate fromDay, LocalDate toDay, ZoneId zone, String departmentId, String environment,
                          String configurationId, VisitStatus status, int limit, int offset) {

    static final int LONGEST_RANGE_DAYS = 366;
    static final int DEFAULT_LIMIT = 200;
    /** The most rows one answer holds; a CSV export may hold {@link #MAX_EXPORT}. */
    static final int MAX_LIMIT = 1000;
    static final int MAX_EXPORT = 50_000;
    static final int MAX_OFFSET = 1_000_000;
    private static final Pattern DEPARTMENT_ID = Pattern.compile("[\\p{Alnum}._:-]{1,200}");

    /** The first instant of the range. */
    public OffsetDateTime from() {
        return fromDay.atStartOfDay(zone).toOffsetDateTime();
    }

    /** The first instant after the range. */
    public OffsetDateTime to() {
        return toDay.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    /** The same filters, for up to {@code rows} rows from the first. */
    ReportQuery withLimit(int rows) {
        return new ReportQuery(fromDay, toDay, zone, departmentId, environment, configurationId, status, rows, 0);
    }

    /** The last {@code days} days up to today in {@code zone}, nothing else narrowed. */
    public static ReportQuery lastDays(int days, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        return new ReportQuery(today.minusDays(days - 1L), today, zone, null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public static ReportQuery parse(String from, String to, String zone, String departmentId, String environment,
                                    String configurationId, String status, String limit, String offset, int maxLimit) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zoneId = zone(zone, errors);
        LocalDate first = day("from", from, errors);
        LocalDate last = day("to", to, errors);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                errors.add(new FieldError("to", "must not be before from"));
            } else if (ChronoUnit.DAYS.between(first, last) >= LONGEST_RANGE_DAYS) {
                errors.add(new FieldError("to", "at most " + LONGEST_RANGE_DAYS + " days from from"));
            }
        }
        String department = QueryParameters.blankToNull(departmentId);
        if (department != null && !DEPARTMENT_ID.matcher(department).matches()) {
            errors.add(new FieldError("department", "an EHR department id: letters, digits and . _ : -, at most 200"));
        }
        String environmentName = QueryParameters.blankToNull(environment);
        if (environmentName != null) {
            environmentName = environmentName.toUpperCase(Locale.ROOT);
            if (!environmentName.equals("TEST") && !environmentName.equals("PRODUCTION")) {
                errors.add(new FieldError("environment", "test or production"));
            }
        }
        String configuration = QueryParameters.blankToNull(configurationId);
        if (configuration != null && !QueryParameters.isUuid(configuration)) {
            errors.add(new FieldError("configurationId", "a configuration id is a UUID"));
        }
        VisitStatus visitStatus = status(status, errors);
        int rows = QueryParameters.limit("limit", limit, Math.min(DEFAULT_LIMIT, maxLimit), maxLimit, errors);
        int skip = QueryParameters.wholeNumber("offset", offset, 0, 0, MAX_OFFSET, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-report-query", "Invalid report query",
                    "Some query parameters are missing or not valid; see errors.").withErrors(errors));
        }
        return new ReportQuery(first, last, zoneId, department, environmentName, configuration, visitStatus, rows, skip);
    }

    private static ZoneId zone(String value, List<FieldError> errors) {
        String name = QueryParameters.blankToNull(value);
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            errors.add(new FieldError("zone", "an IANA time zone, e.g. America/Chicago"));
            return ZoneOffset.UTC;
        }
    }

    private static LocalDate day(String name, String value, List<FieldError> errors) {
        String text = QueryParameters.blankToNull(value);
        if (text == null) {
            errors.add(new FieldError(name, "required: a date, e.g. 2026-03-02"));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "a date, e.g. 2026-03-02"));
            return null;
        }
    }

    private static VisitStatus status(String value, List<FieldError> errors) {
        String name = QueryParameters.blankToNull(value);
        if (name == null) {
            return null;
        }
        try {
            return VisitStatus.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("status", "one of scheduled, waiting, in_progress, completed, no_show, cancelled"));
            return null;
        }
    }
}
