package dev.convsearch.domain;

import java.util.EnumSet;
import java.util.Set;

import dev.convsearch.api.WireEnum;

/**
 * How search results are ordered; ties are broken by {@code conversation_id} in the same direction. Titles are ordered
 * by code point (as MongoDB compares strings). {@code /api/conversations} offers the first four, the OpenHands V1
 * surface all six.
 */
public enum SortOrder implements WireEnum {
    UPDATED_AT_DESC(ConversationField.LAST_UPDATED_AT, true),
    CREATED_AT_DESC(ConversationField.CREATED_AT, true),
    UPDATED_AT(ConversationField.LAST_UPDATED_AT, false),
    CREATED_AT(ConversationField.CREATED_AT, false),
    TITLE(ConversationField.TITLE, false),
    TITLE_DESC(ConversationField.TITLE, true);

    /** The orders of {@code /api/conversations}. */
    public static final Set<SortOrder> BY_DATE = EnumSet.of(UPDATED_AT_DESC, CREATED_AT_DESC, UPDATED_AT, CREATED_AT);

    private final ConversationField field;
    private final boolean descending;

    SortOrder(ConversationField field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** The field the order sorts on. */
    public ConversationField field() {
        return field;
    }

    /** Whether the greatest come first. */
    public boolean descending() {
        return descending;
    }

    @Override
    public String wire() {
        return name();
    }
}
