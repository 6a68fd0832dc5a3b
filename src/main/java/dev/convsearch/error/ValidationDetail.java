package dev.convsearch.error;

import java.util.List;

/** The body of a 422: FastAPI's {@code HTTPValidationError}. */
public record ValidationDetail(List<ValidationError> detail) {
}
