package dev.convsearch.error;

/** The body of every non-validation error: {@code {"detail": "..."}}. */
public record ErrorDetail(String detail) {
}
