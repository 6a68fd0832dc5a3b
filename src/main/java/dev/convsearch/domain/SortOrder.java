package dev.convsearch.domain;

import dev.convsearch.api.WireEnum;

/** How search results are ordered; ties are broken by {@code conversation_id} in the same direction. */
public enum SortOrder implements WireEnum {
    UPDATED_AT_DESC(ConversationField.LAST_UPDATED_AT, true),
    CREATED_AT_DESC(ConversationField.CREATED_AT, true),
    UPDATED_AT(ConversationField.LAST_UPDATED_AT, false),
    CREATED_AT(ConversationField.CREATED_AT, false);

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
