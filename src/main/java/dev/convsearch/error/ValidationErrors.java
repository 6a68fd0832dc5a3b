package dev.convsearch.error;

import java.util.ArrayList;
import java.util.List;

/** Collects validation errors so that a request reports all of them at once, as FastAPI does. */
public final class ValidationErrors {

    private final List<ValidationError> errors = new ArrayList<>();

    public void add(ValidationError error) {
        errors.add(error);
    }

    public void addAll(List<ValidationError> more) {
        errors.addAll(more);
    }

    /** What was collected so far. */
    public List<ValidationError> list() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a {@link RequestValidationException} when anything was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
    }
}
