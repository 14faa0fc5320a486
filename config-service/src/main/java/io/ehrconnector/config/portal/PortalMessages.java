package io.ehrconnector.config.portal;

import io.ehrconnector.support.problem.ProblemException;

/** How the portal shows a refused request: the problem's detail (or title), as a message on the page. */
final class PortalMessages {

    private PortalMessages() {
    }

    static String detail(Throwable failure) {
        ProblemException problem = (ProblemException) failure;
        return problem.problem().detail() != null ? problem.problem().detail() : problem.problem().title();
    }

    /** The problem type's last path segment ({@code sms-would-stop}), or null. */
    static String slug(Throwable failure) {
        if (!(failure instanceof ProblemException problem) || problem.problem().type() == null) {
            return null;
        }
        String type = problem.problem().type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
