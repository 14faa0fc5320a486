package io.ehrconnector.audit.query;

import io.ehrconnector.support.problem.FieldError;

import java.util.List;
import java.util.UUID;

/** Checks shared by the audit and report queries; errors name the parameter, never quote its value. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A whole number from 1 to {@code max}, {@code fallback} when absent; an error is added otherwise. */
    public static int limit(String name, String value, int fallback, int max, List<FieldError> errors) {
        return wholeNumber(name, value, fallback, 1, max, errors);
    }

    /** A whole number from {@code min} to {@code max}, {@code fallback} when absent; an error is added otherwise. */
    public static int wholeNumber(String name, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "a whole number from " + min + " to " + max));
        return fallback;
    }
}
