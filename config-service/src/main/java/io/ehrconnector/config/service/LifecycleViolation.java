package io.ehrconnector.config.service;

import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

/**
 * A change the configuration lifecycle does not allow, with a detail that tells the person what to do instead (409, or 403
 * when someone other than the named approver tries an approver's step). Nothing was changed.
 */
public class LifecycleViolation extends ProblemException {

    public enum Kind {
        /** The configuration is in a state that does not allow this step. */
        WRONG_STATE(409, "configuration-state", "Not possible in this state"),
        /** Only the named approver may do this. */
        NOT_THE_APPROVER(403, "not-the-approver", "Only the named approver may do this"),
        /** Approval needs a fresh SMART validation by the approver first. */
        NOT_VALIDATED(409, "smart-validation-needed", "SMART validation needed");

        private final int status;
        private final String slug;
        private final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }

    private final Kind kind;

    public LifecycleViolation(Kind kind, String detail) {
        super(Problem.of(kind.status, kind.slug, kind.title, detail));
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String getMessage() {
        return problem().detail();
    }
}
