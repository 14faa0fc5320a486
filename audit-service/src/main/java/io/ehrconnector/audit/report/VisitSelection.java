package io.ehrconnector.audit.report;

import io.ehrconnector.audit.query.QueryParameters;
import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One visit named in a query, checked: its configuration id (a UUID) and the EHR's appointment id (any text up to 200
 * characters without control characters: ids may hold slashes, which is why they travel as query parameters). Anything else
 * is a 400 problem naming the parameters, never quoting them.
 */
record VisitSelection(String configurationId, String appointmentId) {

    static final int MAX_APPOINTMENT_ID = 200;

    static VisitSelection parse(String configurationId, String appointmentId) {
        List<FieldError> errors = new ArrayList<>();
        // config-service writes configuration ids in lower case; a UUID typed in upper case names the same one
        String configuration = QueryParameters.blankToNull(configurationId);
        configuration = configuration == null ? null : configuration.toLowerCase(Locale.ROOT);
        if (configuration == null || !QueryParameters.isUuid(configuration)) {
            errors.add(new FieldError("configurationId", "required: a configuration id is a UUID"));
        }
        String appointment = QueryParameters.blankToNull(appointmentId);
        if (appointment == null || appointment.length() > MAX_APPOINTMENT_ID
                || appointment.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("appointmentId", "required: the EHR's appointment id, at most "
                    + MAX_APPOINTMENT_ID + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-visit", "Invalid visit",
                    "The visit is not named correctly; see errors.").withErrors(errors));
        }
        return new VisitSelection(configuration, appointment);
    }
}
