package io.ehrconnector.launch.meeting;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

/** The configuration's tenant has no Teams meeting organizer ({@code ehr.graph.organizers}), so it cannot have meetings. */
public class NoOrganizerException extends ProblemException {

    private final String tenantId;

    public NoOrganizerException(String tenantId) {
        super(Problem.of(503, "teams-organizer-missing", "Teams meetings are not set up",
                "No Microsoft Teams meeting organizer is set up for your organization yet; ask the connector's administrator"
                        + " to add one for your Microsoft 365 tenant."));
        this.tenantId = tenantId;
    }

    /** The Entra ID tenant without an organizer. */
    public String tenantId() {
        return tenantId;
    }
}
