package dev.convsearch.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

    /** A boolean as FastAPI reads one: true/false, 1/0, yes/no, on/off, in any case; absent is {@code defaultValue}. */
    static boolean bool(String name, String raw, boolean defaultValue, ValidationErrors errors) {
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return true;
        }
        if (!FALSE.contains(value)) {
            errors.add(FastApiErrors.boolParsing(FastApiErrors.query(name)));
        }
        return false;
    }

    /** Every value of a repeatable text parameter, each {@code 1..maxLength} characters after trimming. */
    static List<String> texts(String name, List<String> raw, int maxCount, int maxLength, ValidationErrors errors) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        if (raw.size() > maxCount) {
            errors.add(FastApiErrors.listTooLong(FastApiErrors.query(name), maxCount));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String value : raw) {
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                errors.add(FastApiErrors.stringTooShort(FastApiErrors.query(name), 1));
            } else if (trimmed.length() > maxLength) {
                errors.add(FastApiErrors.stringTooLong(FastApiErrors.query(name), maxLength));
            } else {
                values.add(trimmed);
            }
        }
        return values;
    }

    static <E extends Enum<E> & WireEnum> E enumValue(String name, String raw, Class<E> type, ValidationErrors errors) {
        return enumValue(name, raw, EnumSet.allOf(type), errors);
    }

    /** One of {@code allowed} (in their order in the message of a 422). */
    static <E extends Enum<E> & WireEnum> E enumValue(String name, String raw, Set<E> allowed,
            ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        return allowed.stream().filter(value -> value.wire().equals(raw)).findFirst().orElseGet(() -> {
            errors.add(FastApiErrors.enumValue(FastApiErrors.query(name), allowed));
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

    /**
     * Words to search for: 1..{@code maxLength} characters (code points, as Python counts) holding a letter or a
     * digit, no NUL.
     */
    static String words(String name, String raw, int maxLength, ValidationErrors errors) {
        if (raw == null) {
            return null;
        }
        int length = raw.codePointCount(0, raw.length());
        if (length == 0) {
            errors.add(FastApiErrors.stringTooShort(FastApiErrors.query(name), 1));
        } else if (length > maxLength) {
            errors.add(FastApiErrors.stringTooLong(FastApiErrors.query(name), maxLength));
        } else if (raw.indexOf('\0') >= 0) {
            errors.add(FastApiErrors.patternMismatch(FastApiErrors.query(name),
                    "String should not contain NUL characters"));
        } else if (raw.codePoints().noneMatch(Character::isLetterOrDigit)) {
            errors.add(FastApiErrors.valueError(FastApiErrors.query(name),
                    "Value error, " + name + " must hold at least one letter or digit"));
        }
        return raw;
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
