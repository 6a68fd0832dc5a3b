package dev.convsearch.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What a write sets: field values keyed by {@link ConversationField}, already validated and normalised. A field that is
 * absent is not changed; a field present with null is set to null. Immutable.
 */
public final class ConversationChange {

    private static final ConversationChange EMPTY = new ConversationChange(new EnumMap<>(ConversationField.class));

    private final EnumMap<ConversationField, Object> values;

    private ConversationChange(EnumMap<ConversationField, Object> values) {
        this.values = values;
    }

    /** No change at all. */
    public static ConversationChange none() {
        return EMPTY;
    }

    /** This change, with {@code field} set to {@code value}. */
    public ConversationChange with(ConversationField field, Object value) {
        EnumMap<ConversationField, Object> copy = new EnumMap<>(values);
        copy.put(field, value);
        return new ConversationChange(copy);
    }

    /** This change, with each field of {@code defaults} that this one does not set. */
    public ConversationChange orElse(ConversationChange defaults) {
        EnumMap<ConversationField, Object> merged = new EnumMap<>(defaults.values);
        merged.putAll(values);
        return new ConversationChange(merged);
    }

    /** This change without {@code fields}. */
    public ConversationChange without(Collection<ConversationField> fields) {
        EnumMap<ConversationField, Object> rest = new EnumMap<>(values);
        rest.keySet().removeAll(fields);
        return new ConversationChange(rest);
    }

    /** Whether the change sets {@code field}. */
    public boolean sets(ConversationField field) {
        return values.containsKey(field);
    }

    /** The value it sets {@code field} to (null when it sets null or does not set it). */
    public Object get(ConversationField field) {
        return values.get(field);
    }

    /** The fields it sets. */
    public Set<ConversationField> fields() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Every field it sets, with its value, in the table's order. */
    public Map<ConversationField, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
