package io.ehrconnector.audit.query;

import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of {@code GET /audit/events}, checked: a visit ({@code appointmentId}) and/or a configuration
 * ({@code configurationId}, a UUID), and a time range [{@code from}, {@code to}) of RFC 3339 date-times with offset, at most
 * {@link #LONGEST_RANGE} long; {@code limit} 1 to {@link #MAX_LIMIT} (default {@link #DEFAULT_LIMIT}). Anything else is a
 * 400 problem naming the parameters, never quoting them.
 */
record AuditQuery(String appointmentId, String configurationId, OffsetDateTime from, OffsetDateTime to, int limit) {

    static final Duration LONGEST_RANGE = Duration.ofDays(31);
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    static final int MAX_APPOINTMENT_ID = 200;

    static AuditQuery parse(String appointmentId, String configurationId, String from, String to, String limit) {
        List<FieldError> errors = new ArrayList<>();
        String appointment = QueryParameters.blankToNull(appointmentId);
        String configuration = QueryParameters.blankToNull(configurationId);
        if (appointment == null && configuration == null) {
            errors.add(new FieldError("appointmentId", "give appointmentId, configurationId or both"));
        }
        if (appointment != null && appointment.length() > MAX_APPOINTMENT_ID) {
            errors.add(new FieldError("appointmentId", "at most " + MAX_APPOINTMENT_ID + " characters"));
        }
        if (configuration != null && !QueryParameters.isUuid(configuration)) {
            errors.add(new FieldError("configurationId", "a configuration id is a UUID"));
        }
        OffsetDateTime start = dateTime("from", from, errors);
        OffsetDateTime end = dateTime("to", to, errors);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
                errors.add(new FieldError("to", "at most 31 days after from; query longer periods in parts"));
            }
        }
        int max = QueryParameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-audit-query", "Invalid audit query",
                    "Some query parameters are missing or not valid; see errors.").withErrors(errors));
        }
        return new AuditQuery(appointment, configuration, start, end, max);
    }

    private static OffsetDateTime dateTime(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(name, "required: an RFC 3339 date-time with offset, e.g. 2026-03-02T09:00:00-06:00"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "an RFC 3339 date-time with offset, e.g. 2026-03-02T09:00:00-06:00"));
            return null;
        }
    }
}
