package dev.convsearch.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum whose JSON and query-string form is {@link #wire()}, as the OpenHands spec spells it. */
public interface WireEnum {

    /** The value as it appears on the wire and in the database. */
    @JsonValue
    String wire();

    /** The constant whose wire value is {@code value}, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String value) {
        return Optional.ofNullable(type.cast(WireValues.of(type, value)));
    }

    /** The message pydantic gives for a bad enum value: {@code Input should be 'a', 'b' or 'c'}. */
    static String expectation(Class<?> type) {
        return expectation(Arrays.stream(type.getEnumConstants()).map(c -> (WireEnum) c).toList());
    }

    /** The message pydantic gives for a value that is none of {@code allowed}. */
    static String expectation(Collection<? extends WireEnum> allowed) {
        String[] values = allowed.stream()
                .map(c -> "'" + c.wire() + "'")
                .toArray(String[]::new);
        if (values.length == 1) {
            return "Input should be " + values[0];
        }
        String head = Arrays.stream(values, 0, values.length - 1).collect(Collectors.joining(", "));
        return "Input should be " + head + " or " + values[values.length - 1];
    }
}
