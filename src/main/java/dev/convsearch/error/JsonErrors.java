package dev.convsearch.error;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.convsearch.api.WireEnum;

/** Says what was wrong with a JSON body in pydantic's words, located under {@code body}. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The validation error a JSON body of the wrong shape (wrong type, bad enum value, unknown field) amounts to. */
    public static ValidationError of(MismatchedInputException e) {
        List<Object> loc = location(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new ValidationError(loc, "Extra inputs are not permitted", "extra_forbidden");
        }
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum() && WireEnum.class.isAssignableFrom(target)) {
            return new ValidationError(loc, WireEnum.expectation(target), "enum");
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            String type = e instanceof InvalidFormatException ? "int_parsing" : "int_type";
            return new ValidationError(loc, "Input should be a valid integer", type);
        }
        if (target == String.class) {
            return new ValidationError(loc, "Input should be a valid string", "string_type");
        }
        if (target != null && List.class.isAssignableFrom(target)) {
            return new ValidationError(loc, "Input should be a valid list", "list_type");
        }
        if (loc.size() == 1) {
            return new ValidationError(loc, "Input should be a valid dictionary or object", "model_type");
        }
        return new ValidationError(loc, "Input is not valid", "value_error");
    }

    private static List<Object> location(JsonMappingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return loc;
    }
}
