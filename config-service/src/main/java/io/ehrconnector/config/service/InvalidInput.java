package io.ehrconnector.config.service;

import io.ehrconnector.support.problem.FieldError;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be accepted (422), field by field, each with what to enter instead. Nothing was changed. */
public class InvalidInput extends ProblemException {

    public InvalidInput(List<FieldError> errors) {
        super(Problem.of(422, "invalid-configuration", "The configuration cannot be saved as entered",
                errors.stream().map(FieldError::message).collect(Collectors.joining(" "))).withErrors(errors));
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
