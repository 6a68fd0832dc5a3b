package dev.convsearch.error;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Says what was wrong with a JSON body of the wrong shape, in pydantic's words ({@link FastApiErrors}). */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The validation error a JSON body of the wrong shape (wrong type, bad enum value, unknown field) amounts to. */
    public static ValidationError of(MismatchedInputException e) {
        List<Object> loc = FastApiErrors.body(path(e));
        if (e instanceof UnrecognizedPropertyException) {
            return FastApiErrors.extraForbidden(loc);
        }
        Class<?> target = e.getTargetType();
        if (e instanceof InvalidFormatException && (target == Integer.class || target == int.class
                || target == Long.class || target == long.class)) {
            return FastApiErrors.intParsing(loc);
        }
        if (e instanceof InvalidFormatException && target == Instant.class) {
            return FastApiErrors.datetimeParsing(loc);
        }
        if (e instanceof InvalidFormatException && (target == Boolean.class || target == boolean.class)) {
            return FastApiErrors.boolParsing(loc);
        }
        if (e instanceof InvalidFormatException && (target == Double.class || target == double.class)) {
            return new ValidationError(loc, "Input should be a valid number, unable to parse string as a number",
                    "float_parsing");
        }
        return FastApiErrors.wrongType(loc, target);
    }

    private static Object[] path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? (Object) ref.getFieldName() : ref.getIndex())
                .toArray();
    }
}
