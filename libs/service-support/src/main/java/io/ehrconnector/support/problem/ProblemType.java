package io.ehrconnector.support.problem;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Problem type URIs: {@code https://ehr-connector.io/problems/<slug>}. They are <em>identifiers</em> a client may switch on,
 * stable across releases; they are not promised to resolve to a page (RFC 9457 allows that). A slug is lower-case words
 * joined by hyphens and names the kind of problem, never the instance ({@code configuration-not-found}, not an id).
 */
public final class ProblemType {

    /** Every type URI starts with this. */
    public static final String BASE = "https://ehr-connector.io/problems/";

    /** 400 for a request that is not understood (no more specific type applies). */
    public static final String BAD_REQUEST = "bad-request";
    /** 400: the request body is not well-formed JSON. */
    public static final String MALFORMED_BODY = "malformed-body";
    /** 400: the body is JSON but a field has the wrong type or shape, or is unknown. */
    public static final String INVALID_BODY = "invalid-body";
    /** 400: bean validation failed on a parameter or body field. */
    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String CONFLICT = "conflict";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String UNPROCESSABLE = "unprocessable";
    public static final String TOO_MANY_REQUESTS = "too-many-requests";
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    /** 500: a failure the service did not expect; the response carries an error id to quote. */
    public static final String INTERNAL_ERROR = "internal-error";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ProblemType() {
    }

    /** {@code https://ehr-connector.io/problems/<slug>}; rejects anything but a lower-case hyphenated slug. */
    public static URI uri(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("a problem type slug is lower-case words joined by hyphens: " + slug);
        }
        return URI.create(BASE + slug);
    }

    /** The slug for a plain HTTP status, e.g. {@code not-found} for 404; {@code http-<status>} for uncommon ones. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 500 -> INTERNAL_ERROR;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> "http-" + status;
        };
    }
}
