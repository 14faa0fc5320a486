package io.ehrconnector.launch.links;

import io.ehrconnector.launch.meeting.TeamsUnavailableException;
import io.ehrconnector.launch.smart.LaunchPages;
import io.ehrconnector.launch.smart.LaunchRefused;
import io.ehrconnector.support.links.JoinLinkRejected;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;

/**
 * What a patient whose join link did not open the visit reads, in the launch pages' look. The texts speak to the patient
 * (call the clinic), not to an administrator, and never show the link.
 */
final class JoinLinkRefusals {

    private JoinLinkRefusals() {
    }

    /** A link that opens nothing: malformed, incomplete, forged, or for a configuration no longer in use. */
    static LaunchRefused linkDoesNotWork() {
        return new LaunchRefused(404, "This visit link does not work", "Open the link from your text message again,"
                + " exactly as it was sent. If it still does not work, call the clinic for a new link.");
    }

    static LaunchRefused linkExpired() {
        return new LaunchRefused(410, "This visit link has expired", "Visit links stop working after the visit. If your"
                + " visit is still to come, call the clinic for a new link.");
    }

    static Response page(Throwable failure) {
        return LaunchPages.refused(refusal(failure));
    }

    private static LaunchRefused refusal(Throwable failure) {
        if (failure instanceof JoinLinkRejected rejected) {
            Log.debugf("join link refused: %s", rejected.reason());
            return rejected.reason() == JoinLinkRejected.Reason.EXPIRED ? linkExpired() : linkDoesNotWork();
        }
        if (failure instanceof LaunchRefused refusal) {
            return refusal;
        }
        if (failure instanceof ProblemException problem) {
            Log.warnf("join link could not open the visit: %s%s", problem.getClass().getSimpleName(),
                    failure instanceof TeamsUnavailableException teams ? " (" + teams.reason() + ")" : "");
            return new LaunchRefused(problem.problem().status(), "The visit could not be opened right now", "Try again in"
                    + " a few minutes. If it keeps failing, call the clinic.");
        }
        Log.errorf("join link failed: %s", failure.getClass().getName());
        return new LaunchRefused(500, "The visit could not be opened", "Something went wrong on our side. Try again in a"
                + " few minutes; if it keeps failing, call the clinic.");
    }
}
