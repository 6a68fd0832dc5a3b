package dev.convsearch.rest;

import java.time.Instant;

import dev.convsearch.api.Timestamps;
import dev.convsearch.api.WireEnum;
import dev.convsearch.error.ValidationError;
import dev.convsearch.error.ValidationErrors;

/** Reads query-string values as FastAPI would, adding a 422 error for each bad one. Null means absent. */
final class QueryValues {

    private QueryValues() {
    }

    static int integer(String name, String raw, int defaultValue, int min, int max, ValidationErrors errors) {
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            errors.add(ValidationError.query(name, "Input should be a valid integer, unable to parse string as an integer",
                    "int_parsing"));
            return defaultValue;
        }
        if (value < min) {
            errors.add(ValidationError.query(name, "Input should be greater than or equal to " + min,
                    "greater_than_equal"));
        } else if (value > max) {
            errors.add(ValidationError.query(name, "Input should be less than or equal to " + max, "less_than_equal"));
        }
        return value;
    }

    static <E extends Enum<E> & WireEnum> E enumValue(String name, String raw, Class<E> type, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        return WireEnum.parse(type, raw).orElseGet(() -> {
            errors.add(ValidationError.query(name, WireEnum.expectation(type), "enum"));
            return null;
        });
    }

    static Instant instant(String name, String raw, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        return Timestamps.parse(raw.strip()).orElseGet(() -> {
            errors.add(ValidationError.query(name,
                    "Input should be a valid datetime (ISO-8601, e.g. 2025-01-31T12:00:00Z)", "datetime_parsing"));
            return null;
        });
    }

    static String text(String name, String raw, int maxLength, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > maxLength) {
            errors.add(ValidationError.query(name, "String should have at most " + maxLength + " characters",
                    "string_too_long"));
        } else if (raw.indexOf('\0') >= 0) {
            errors.add(ValidationError.query(name, "String should not contain NUL characters", "string_pattern_mismatch"));
        }
        return raw;
    }
}
