package io.ehrconnector.support.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Objects;

/**
 * One invalid input of a request: {@code field} is the path the client used (a JSON property path such as
 * {@code sms.senderNumber} or {@code items[2].id}, or a query/path parameter name) and {@code message} says what a valid
 * value looks like. Neither ever quotes the rejected value (it may be PHI).
 */
@RegisterForReflection
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
