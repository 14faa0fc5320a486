package io.ehrconnector.support.problem;

import java.util.List;
import java.util.Objects;

/**
 * Ends a request with a {@link Problem}: throw it (or fail a {@code Uni} with it) from a resource or service and
 * {@link ProblemMappers} answers with the problem as {@value Problem#MEDIA_TYPE}.
 *
 * <pre>{@code
 * throw ProblemException.notFound("configuration-not-found", "Configuration not found",
 *         "No configuration has this id; list /configurations to find it.");
 * }</pre>
 *
 * Types are slugs ({@link ProblemType#uri(String)}). The detail goes to the client as written: say what to fix and never
 * quote request data or exception messages. The exception's own message is the title, so logging it is safe; it
 * records no stack trace (it is an answer, not a fault).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** @param cause kept for the server side only; nothing of it reaches the client */
    public ProblemException(Problem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").title(), cause, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Any status: {@code of(503, "ehr-unavailable", "EHR unavailable", "Epic did not answer; try again in a minute.")}. */
    public static ProblemException of(int status, String type, String title, String detail) {
        return new ProblemException(Problem.of(status, type, title, detail));
    }

    /** 400 */
    public static ProblemException badRequest(String type, String title, String detail) {
        return of(400, type, title, detail);
    }

    /** 403 */
    public static ProblemException forbidden(String type, String title, String detail) {
        return of(403, type, title, detail);
    }

    /** 404 */
    public static ProblemException notFound(String type, String title, String detail) {
        return of(404, type, title, detail);
    }

    /** 409 */
    public static ProblemException conflict(String type, String title, String detail) {
        return of(409, type, title, detail);
    }

    /** 422: the request is well-formed but its content cannot be accepted; {@code fieldErrors} say which fields and why. */
    public static ProblemException unprocessable(String type, String title, String detail, List<FieldError> fieldErrors) {
        return new ProblemException(Problem.of(422, type, title, detail).withErrors(fieldErrors));
    }
}
