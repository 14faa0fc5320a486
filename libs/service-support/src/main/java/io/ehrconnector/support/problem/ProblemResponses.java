package io.ehrconnector.support.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The mapping rules behind {@link ProblemMappers}, free of request plumbing so plain unit tests can pin them down. Nothing
 * here copies an exception message, a rejected value or a request body into a problem: those may carry PHI.
 */
final class ProblemResponses {

    /** Response headers of a {@link WebApplicationException} that describe its old body, not the problem's. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "content-encoding",
            "transfer-encoding");

    /** JAX-RS and Quarkus REST parameter annotations, each with the name the client uses. */
    private static final Map<Class<? extends Annotation>, Function<Annotation, String>> PARAMETER_NAMES = Map.ofEntries(
            Map.entry(QueryParam.class, a -> ((QueryParam) a).value()),
            Map.entry(PathParam.class, a -> ((PathParam) a).value()),
            Map.entry(HeaderParam.class, a -> ((HeaderParam) a).value()),
            Map.entry(FormParam.class, a -> ((FormParam) a).value()),
            Map.entry(CookieParam.class, a -> ((CookieParam) a).value()),
            Map.entry(MatrixParam.class, a -> ((MatrixParam) a).value()),
            Map.entry(RestQuery.class, a -> ((RestQuery) a).value()),
            Map.entry(RestPath.class, a -> ((RestPath) a).value()),
            Map.entry(RestHeader.class, a -> ((RestHeader) a).value()),
            Map.entry(RestForm.class, a -> ((RestForm) a).value()),
            Map.entry(RestCookie.class, a -> ((RestCookie) a).value()),
            Map.entry(RestMatrix.class, a -> ((RestMatrix) a).value()));

    private ProblemResponses() {
    }

    /** The problem as an {@value Problem#MEDIA_TYPE} response; {@code instance} fills in a missing instance. */
    static Response response(Problem problem, URI instance) {
        Problem located = problem.instance() == null && instance != null ? problem.withInstance(instance) : problem;
        return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located).build();
    }

    // ---- WebApplicationException ---------------------------------------------------------------------------------

    /**
     * Keeps the exception's status and its headers (Allow, Retry-After, WWW-Authenticate...), replaces the body with a
     * problem whose detail is a fixed text per status: the exception's message is never used (code may put data in it;
     * throw a {@link ProblemException} to say more). Statuses below 400 (redirects) pass through unchanged.
     */
    static Response webApplication(WebApplicationException exception, URI instance) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400) {
            return original;
        }
        Problem problem = exception.getCause() instanceof JsonProcessingException json && status == 400
                ? jsonBody(json)
                : forStatus(status);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(instance));
        if (original != null) {
            original.getStringHeaders().forEach((name, values) -> {
                if (!BODY_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
        }
        return builder.build();
    }

    /** A problem for a bare HTTP status: the standard title and a detail that says what to do. */
    static Problem forStatus(int status) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 400 -> "The request could not be understood; check it against the API description at /q/openapi.";
            case 401 -> "Sign in first: send a valid bearer token in the Authorization header.";
            case 403 -> "You are signed in, but your account lacks the role or access this operation needs.";
            case 404 -> "Nothing exists at this address; check the path and the id in it.";
            case 405 -> "This address does not accept this HTTP method; the Allow header lists those it does.";
            case 406 -> "This resource cannot answer in any media type the Accept header lists; accept application/json.";
            case 409 -> "The request conflicts with the current state of the resource; reload it and try again.";
            case 413 -> "The request is too large; send less data.";
            case 415 -> "This resource does not accept the Content-Type sent; send application/json.";
            case 422 -> "The request is well-formed but its content cannot be accepted.";
            case 429 -> "Too many requests; wait (see Retry-After when present) and try again.";
            case 503 -> "The service is temporarily unavailable; try again shortly.";
            default -> status >= 500 ? "The service failed to handle the request; try again later." : title + ".";
        };
        return Problem.of(status, ProblemType.forStatus(status), title, detail);
    }

    // ---- Bean Validation -----------------------------------------------------------------------------------------

    /** Whether a violation is about what a method returned: a server bug, not bad input. */
    static boolean hasReturnValueViolation(Set<? extends ConstraintViolation<?>> violations) {
        for (ConstraintViolation<?> violation : violations) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 400 with one field error per violation (sorted by field), fields named as the client sees them. */
    static Problem violations(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            errors.add(new FieldError(fieldOf(violation), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return Problem.of(400, ProblemType.VALIDATION_FAILED, "Invalid request",
                "Some values are not valid; correct the fields listed in errors and send the request again.")
                .withErrors(errors);
    }

    /**
     * The field a violation is about, without the method name: a query, path or header parameter by the name the
     * client sends ({@code @QueryParam("page-size")} gives {@code page-size}); a property of the request body by its path
     * inside the body ({@code sms.senderNumber}, {@code items[2].id}); a bean validated on its own by its property path.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        List<Method> methods = List.of();
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> methods = methods(violation.getRootBeanClass(), node);
                case PARAMETER -> {
                    Optional<String> clientName = parameterName(methods, node.as(Path.ParameterNode.class).getParameterIndex());
                    // A body parameter's name is ours, not the client's: its properties are the fields.
                    if (clientName.isPresent() || !nodes.hasNext()) {
                        field.append(clientName.orElse(node.getName()));
                    }
                }
                case CROSS_PARAMETER -> field.append("(parameters)");
                case RETURN_VALUE -> field.append("(response)");
                case BEAN -> appendIndex(field, node);
                case PROPERTY -> {
                    appendIndex(field, node);
                    appendName(field, node.getName());
                }
                case CONTAINER_ELEMENT -> appendIndex(field, node);
                default -> appendName(field, node.getName());
            }
        }
        return field.isEmpty() ? "(request)" : field.toString();
    }

    private static void appendIndex(StringBuilder field, Path.Node node) {
        if (node.isInIterable()) {
            Object where = node.getIndex() != null ? node.getIndex() : node.getKey();
            field.append('[').append(where == null ? "" : where).append(']');
        }
    }

    private static void appendName(StringBuilder field, String name) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (!field.isEmpty()) {
            field.append('.');
        }
        field.append(name);
    }

    /**
     * The methods a violation's method node may mean, most derived first: the class itself (at run time often a
     * generated subclass whose override carries no annotations), its superclasses and its interfaces.
     */
    private static List<Method> methods(Class<?> type, Path.Node node) {
        List<Method> found = new ArrayList<>();
        if (type == null || node.getKind() != ElementKind.METHOD) {
            return found;
        }
        Class<?>[] parameterTypes = node.as(Path.MethodNode.class).getParameterTypes().toArray(Class<?>[]::new);
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            try {
                found.add(current.getDeclaredMethod(node.getName(), parameterTypes));
            } catch (NoSuchMethodException e) {
                // not declared here
            }
            for (Class<?> contract : current.getInterfaces()) {
                try {
                    found.add(contract.getMethod(node.getName(), parameterTypes));
                } catch (NoSuchMethodException e) {
                    // not this one
                }
            }
        }
        return found;
    }

    /** The name the client uses for a JAX-RS parameter, if the parameter is one (empty for a body parameter). */
    private static Optional<String> parameterName(List<Method> candidates, int index) {
        for (Method method : candidates) {
            if (index < 0 || index >= method.getParameterCount()) {
                continue;
            }
            Parameter parameter = method.getParameters()[index];
            for (Annotation annotation : parameter.getAnnotations()) {
                Function<Annotation, String> name = PARAMETER_NAMES.get(annotation.annotationType());
                if (name != null) {
                    String value = name.apply(annotation);
                    return Optional.of(value == null || value.isEmpty() ? parameter.getName() : value);
                }
            }
        }
        return Optional.empty();
    }

    // ---- JSON bodies ---------------------------------------------------------------------------------------------

    /**
     * 400 for a body Jackson could not read: not JSON at all ({@code malformed-body}, with line and column), or JSON of
     * the wrong shape ({@code invalid-body}, with the field path and what is wrong). Never the input itself, and never
     * Jackson's message, which quotes it.
     */
    static Problem jsonBody(JsonProcessingException exception) {
        if (!(exception instanceof JsonMappingException mapping)) {
            JsonLocation location = exception.getLocation();
            String where = location != null && location.getLineNr() > 0
                    ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
            return Problem.of(400, ProblemType.MALFORMED_BODY, "Malformed JSON",
                    "The request body is not well-formed JSON" + where + "; check quotes, commas and brackets.");
        }
        String field = jsonPath(mapping.getPath());
        String message = switch (mapping) {
            case PropertyBindingException unknown -> "is not a known field; remove it";
            case InvalidNullException nullValue -> "must not be null";
            case InvalidFormatException format -> "has the wrong format for " + typeName(format.getTargetType());
            case MismatchedInputException mismatch -> mismatch.getTargetType() == null ? "has the wrong type"
                    : "has the wrong type; expected " + typeName(mismatch.getTargetType());
            case ValueInstantiationException rejected -> "has a value that is not accepted";
            default -> "cannot be read";
        };
        return Problem.of(400, ProblemType.INVALID_BODY, "Invalid request body",
                "The request body is JSON but does not have the expected shape; correct the fields listed in errors.")
                .withErrors(List.of(new FieldError(field, message)));
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                appendName(field, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }

    /** A readable name for the expected JSON type, e.g. {@code number}, {@code text}, {@code list}. */
    private static String typeName(Class<?> type) {
        if (type == null) {
            return "this field";
        }
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return type.isEnum() ? "one of the allowed values" : "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date/time";
        }
        return "an object";
    }

    // ---- Unexpected failures -------------------------------------------------------------------------------------

    /** 500 for a failure nobody mapped: a fixed detail and the error id it was logged under. */
    static Problem unexpected(String errorId) {
        return Problem.of(500, ProblemType.INTERNAL_ERROR, "Internal Server Error",
                        "The service failed to handle the request. If it happens again, report error id " + errorId + ".")
                .withErrorId(errorId);
    }

    /** Where the innermost cause was thrown ({@code Class.method:line}): code, never data. */
    static String origin(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        if (trace.length == 0) {
            return "unknown";
        }
        StackTraceElement top = trace[0];
        return top.getClassName() + "." + top.getMethodName() + ":" + top.getLineNumber();
    }
}
