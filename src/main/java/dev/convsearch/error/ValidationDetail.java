package dev.convsearch.error;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a 422: FastAPI's {@code HTTPValidationError}. */
@Schema(name = "HTTPValidationError")
public record ValidationDetail(List<ValidationError> detail) {
}
