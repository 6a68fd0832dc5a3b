package dev.convsearch.rest;

import java.time.Instant;

import dev.convsearch.api.Timestamps;
import dev.convsearch.api.WireEnum;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.ValidationErrors;

/**
 * Reads query-string values as FastAPI would (an empty value is a value, so {@code limit=} is a 422), adding a 422 error
 * for each bad one. Null means absent.
 */
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
            errors.add(FastApiErrors.intParsing(FastApiErrors.query(name)));
            return defaultValue;
        }
        if (value < min) {
            errors.add(FastApiErrors.greaterThanEqual(FastApiErrors.query(name), min));
        } else if (value > max) {
            errors.add(FastApiErrors.lessThanEqual(FastApiErrors.query(name), max));
        }
        return value;
    }

    static <E extends Enum<E> & WireEnum> E enumValue(String name, String raw, Class<E> type, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        return WireEnum.parse(type, raw).orElseGet(() -> {
            errors.add(FastApiErrors.enumValue(FastApiErrors.query(name), type));
            return null;
        });
    }

    static Instant instant(String name, String raw, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        return Timestamps.parse(raw.strip()).orElseGet(() -> {
            errors.add(FastApiErrors.datetimeParsing(FastApiErrors.query(name)));
            return null;
        });
    }

    static String text(String name, String raw, int maxLength, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > maxLength) {
            errors.add(FastApiErrors.stringTooLong(FastApiErrors.query(name), maxLength));
        } else if (raw.indexOf('\0') >= 0) {
            errors.add(FastApiErrors.patternMismatch(FastApiErrors.query(name),
                    "String should not contain NUL characters"));
        }
        return raw;
    }
}
