package dev.convsearch.error;

import java.util.List;

/**
 * One failed check, in FastAPI's shape: where ({@code ["query", "limit"]}), what and which kind. Made by
 * {@link FastApiErrors}.
 */
public record ValidationError(List<Object> loc, String msg, String type) {
}
