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

    /** {@code body} itself, or a 422 "Field required" when the request had none (as FastAPI answers). */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new RequestValidationException(FastApiErrors.missing(FastApiErrors.body()));
        }
        return body;
    }

    /**
     * {@code body} itself; a 422 "Field required" when the request had none, or a 422 listing every constraint of its
     * record it breaks.
     */
    public static <T extends Record> T requireValid(T body) {
        List<ValidationError> errors = FastApiErrors.ofBody(requireBody(body));
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        return body;
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
