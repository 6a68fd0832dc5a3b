package dev.convsearch.error;

import java.util.List;

/** One failed check, in FastAPI's shape: where ({@code ["query", "limit"]}), what and which kind. */
public record ValidationError(List<Object> loc, String msg, String type) {

    public static ValidationError query(String name, String msg, String type) {
        return new ValidationError(List.of("query", name), msg, type);
    }

    public static ValidationError body(String field, String msg, String type) {
        return new ValidationError(List.of("body", field), msg, type);
    }
}
