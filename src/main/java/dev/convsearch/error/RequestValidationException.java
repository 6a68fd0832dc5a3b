package dev.convsearch.error;

import java.util.List;

/** A request that failed validation; answered with 422 and every error found. */
public class RequestValidationException extends RuntimeException {

    private final List<ValidationError> errors;

    public RequestValidationException(List<ValidationError> errors) {
        super("Request validation failed", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public RequestValidationException(ValidationError error) {
        this(List.of(error));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
