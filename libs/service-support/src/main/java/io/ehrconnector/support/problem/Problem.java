package io.ehrconnector.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem details object, served as {@value #MEDIA_TYPE} on every REST error of every service.
 *
 * <ul>
 *   <li>{@code type}: what kind of problem, a URI made by {@link ProblemType#uri(String)} (an identifier, not
 *       necessarily resolvable);</li>
 *   <li>{@code title}: short, the same for every occurrence of the type;</li>
 *   <li>{@code status}: the HTTP status, repeated for clients that lose it;</li>
 *   <li>{@code detail}: this occurrence, written for the person who must fix it. It is sent to the client, so it never
 *       quotes request data, exception messages or anything else that may be PHI;</li>
 *   <li>{@code instance}: the request path the problem occurred on;</li>
 *   <li>{@code errors} (extension): the invalid fields, when the problem is about input;</li>
 *   <li>{@code errorId} (extension): on unexpected failures, the id logged with the failure, for support.</li>
 * </ul>
 * Empty members are left out of the JSON.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors,
                      String errorId) {

    /** {@code application/problem+json} (RFC 9457). */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has an error status (4xx or 5xx), not " + status);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem of type {@code https://ehr-connector.io/problems/<slug>}, without instance or field errors. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(ProblemType.uri(slug), title, status, detail, null, List.of(), null);
    }

    /** The same problem with the given field errors. */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, errorId);
    }

    /** The same problem occurring at {@code requestPath}. */
    public Problem withInstance(URI requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, errorId);
    }

    /** The same problem carrying the id its failure was logged under. */
    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, instance, errors, id);
    }
}
