package io.ehrconnector.launch.meeting;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

/**
 * Microsoft Teams (Graph, or the token for it) did not create or return the visit's meeting: an error answer, a timeout, or
 * too many calls already waiting. Carries no Graph response body; {@link #reason()} is safe to log.
 */
public class TeamsUnavailableException extends ProblemException {

    private final String reason;

    public TeamsUnavailableException(String reason) {
        super(Problem.of(503, "teams-unavailable", "Microsoft Teams could not create the meeting",
                "Microsoft Teams did not create the visit's meeting; try again in a minute. If it keeps failing, ask your"
                        + " Microsoft 365 administrator to check the connector's Teams permissions."));
        this.reason = reason;
    }

    /** What went wrong without data: e.g. {@code HTTP 403 Forbidden}, {@code timeout}. */
    public String reason() {
        return reason;
    }
}
