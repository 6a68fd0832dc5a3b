package dev.convsearch.api;

import java.util.HashMap;
import java.util.Map;

/**
 * Each {@link WireEnum}'s constants by wire value, made once per type: {@link WireEnum#parse} runs for every enum field
 * of every conversation a search reads, and a scan of {@code getEnumConstants()} (a fresh copy on each call) there is
 * work for nothing.
 */
final class WireValues {

    private static final ClassValue<Map<String, Object>> BY_WIRE = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            Map<String, Object> byWire = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byWire.put(((WireEnum) constant).wire(), constant);
            }
            return Map.copyOf(byWire);
        }
    };

    private WireValues() {
    }

    /** The constant of {@code type} whose wire value is {@code value}; null when none is. */
    static Object of(Class<?> type, String value) {
        return value == null ? null : BY_WIRE.get(type).get(value);
    }
}
