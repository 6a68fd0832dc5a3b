package dev.convsearch.error;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import dev.convsearch.api.WireEnum;
import dev.convsearch.api.validation.RecordConstraints;
import dev.convsearch.api.validation.TrimmedLength;

/**
 * FastAPI's validation errors in pydantic's words: the one place their messages and types are written. Broken
 * constraints of request bodies, JSON of the wrong shape ({@link JsonErrors}) and bad query values all become
 * {@link ValidationError}s here. A location ({@code loc}) starts with {@code "query"}, {@code "path"} or
 * {@code "body"}.
 */
public final class FastApiErrors {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private FastApiErrors() {
    }

    /** The location of query parameter {@code name}. */
    public static List<Object> query(String name) {
        return List.of("query", name);
    }

    /** The location of path parameter {@code name}. */
    public static List<Object> path(String name) {
        return List.of("path", name);
    }

    /** The location of a body's part: {@code body}, then field names and list indexes. */
    public static List<Object> body(Object... path) {
        List<Object> loc = new ArrayList<>(path.length + 1);
        loc.add("body");
        loc.addAll(List.of(path));
        return loc;
    }

    public static ValidationError missing(List<Object> loc) {
        return new ValidationError(loc, "Field required", "missing");
    }

    public static ValidationError extraForbidden(List<Object> loc) {
        return new ValidationError(loc, "Extra inputs are not permitted", "extra_forbidden");
    }

    /** A field a PATCH may not change. */
    public static ValidationError cannotChange(List<Object> loc) {
        return new ValidationError(loc, "Field cannot be changed", "extra_forbidden");
    }

    public static ValidationError jsonInvalid() {
        return new ValidationError(body(), "JSON decode error", "json_invalid");
    }

    public static ValidationError stringTooShort(List<Object> loc, long min) {
        return new ValidationError(loc, "String should have at least " + min + (min == 1 ? " character" : " characters"),
                "string_too_short");
    }

    public static ValidationError stringTooLong(List<Object> loc, long max) {
        return new ValidationError(loc, "String should have at most " + max + " characters", "string_too_long");
    }

    public static ValidationError listTooShort(List<Object> loc, long min) {
        return new ValidationError(loc, "List should have at least " + min + (min == 1 ? " item" : " items"),
                "too_short");
    }

    public static ValidationError listTooLong(List<Object> loc, long max) {
        return new ValidationError(loc, "List should have at most " + max + " items", "too_long");
    }

    public static ValidationError greaterThanEqual(List<Object> loc, long min) {
        return new ValidationError(loc, "Input should be greater than or equal to " + min, "greater_than_equal");
    }

    public static ValidationError lessThanEqual(List<Object> loc, long max) {
        return new ValidationError(loc, "Input should be less than or equal to " + max, "less_than_equal");
    }

    /** A text that is none of FastAPI's booleans. */
    public static ValidationError boolParsing(List<Object> loc) {
        return new ValidationError(loc, "Input should be a valid boolean, unable to interpret input", "bool_parsing");
    }

    /** A text that is no integer. */
    public static ValidationError intParsing(List<Object> loc) {
        return new ValidationError(loc, "Input should be a valid integer, unable to parse string as an integer",
                "int_parsing");
    }

    /** A text that is no ISO-8601 date-time. */
    public static ValidationError datetimeParsing(List<Object> loc) {
        return new ValidationError(loc, "Input should be a valid datetime (ISO-8601, e.g. 2025-01-31T12:00:00Z)",
                "datetime_parsing");
    }

    public static ValidationError datetimeFuture(List<Object> loc) {
        return new ValidationError(loc, "Input should be in the future", "datetime_future");
    }

    /** A value that is none of the enum's. */
    public static ValidationError enumValue(List<Object> loc, Class<?> type) {
        return new ValidationError(loc, WireEnum.expectation(type), "enum");
    }

    /** A value that is none of {@code allowed}. */
    public static ValidationError enumValue(List<Object> loc, Collection<? extends WireEnum> allowed) {
        return new ValidationError(loc, WireEnum.expectation(allowed), "enum");
    }

    /** A text that breaks a pattern rule ({@code rule} says which, in pydantic's words). */
    public static ValidationError patternMismatch(List<Object> loc, String rule) {
        return new ValidationError(loc, rule, "string_pattern_mismatch");
    }

    /** A value that is not an opaque token the service made (a cursor), or otherwise not valid. */
    public static ValidationError valueError(List<Object> loc, String msg) {
        return new ValidationError(loc, msg, "value_error");
    }

    /** A text that is no UUID (dashed, or 32 hex digits). */
    public static ValidationError uuidParsing(List<Object> loc) {
        return new ValidationError(loc, "Input should be a valid UUID", "uuid_parsing");
    }

    /** A value of the wrong JSON type (or null where none is allowed) for a field of Java type {@code type}. */
    public static ValidationError wrongType(List<Object> loc, Class<?> type) {
        if (type != null && type.isEnum() && WireEnum.class.isAssignableFrom(type)) {
            return enumValue(loc, type);
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return new ValidationError(loc, "Input should be a valid integer", "int_type");
        }
        if (type == String.class) {
            return new ValidationError(loc, "Input should be a valid string", "string_type");
        }
        if (type == Instant.class) {
            return new ValidationError(loc, "Input should be a valid datetime", "datetime_type");
        }
        if (type == Boolean.class || type == boolean.class) {
            return new ValidationError(loc, "Input should be a valid boolean", "bool_type");
        }
        if (type == Double.class || type == double.class) {
            return new ValidationError(loc, "Input should be a valid number", "float_type");
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return new ValidationError(loc, "Input should be a valid list", "list_type");
        }
        if (loc.size() == 1 || (type != null && (Map.class.isAssignableFrom(type) || type.isRecord()))) {
            return new ValidationError(loc, "Input should be a valid dictionary or object", "model_type");
        }
        return new ValidationError(loc, "Input is not valid", "value_error");
    }

    /** The errors of the constraints {@code body} breaks ({@link RecordConstraints}), in the order of its fields. */
    public static List<ValidationError> ofBody(Record body) {
        return RecordConstraints.check(body).stream().map(FastApiErrors::ofBody).toList();
    }

    /** One broken constraint of a body, located under {@code body}. */
    private static ValidationError ofBody(RecordConstraints.Violation violation) {
        List<Object> loc = body(SNAKE_CASE.translate(violation.component()));
        if (violation.index() != null) {
            loc.add(violation.index());
        }
        Annotation constraint = violation.constraint();
        Object value = violation.invalidValue();
        if (constraint instanceof TrimmedLength length) {
            return ((String) value).strip().length() < length.min() ? stringTooShort(loc, length.min())
                    : stringTooLong(loc, length.max());
        }
        if (constraint instanceof Size size && value instanceof Collection<?> list) {
            return list.size() < size.min() ? listTooShort(loc, size.min()) : listTooLong(loc, size.max());
        }
        if (constraint instanceof Size size) {
            return ((CharSequence) value).length() < size.min() ? stringTooShort(loc, size.min())
                    : stringTooLong(loc, size.max());
        }
        if (constraint instanceof PositiveOrZero) {
            return greaterThanEqual(loc, 0);
        }
        if (constraint instanceof DecimalMax max) {
            return new ValidationError(loc, "Input should be less than or equal to " + max.value(), "less_than_equal");
        }
        if (constraint instanceof Future) {
            return datetimeFuture(loc);
        }
        if (constraint instanceof NotNull) {
            return missing(loc);
        }
        // a pattern rule (a conversation id): its message says the rule
        return patternMismatch(loc, messageOf(constraint));
    }

    private static String messageOf(Annotation constraint) {
        try {
            return (String) constraint.annotationType().getMethod("message").invoke(constraint);
        } catch (ReflectiveOperationException e) {
            return "Input is not valid";
        }
    }
}
