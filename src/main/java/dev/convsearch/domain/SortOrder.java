package dev.convsearch.domain;

import java.util.EnumSet;
import java.util.Set;

import dev.convsearch.api.WireEnum;

/**
 * How search results are ordered; ties are broken by {@code conversation_id} in the same direction. Titles are ordered
 * by code point (as MongoDB compares strings). {@code /api/conversations} offers the four by date, the OpenHands V1
 * surface the six by a field; both offer {@link #RELEVANCE} to a search with {@code q}.
 */
public enum SortOrder implements WireEnum {
    UPDATED_AT_DESC(ConversationField.LAST_UPDATED_AT, true),
    CREATED_AT_DESC(ConversationField.CREATED_AT, true),
    UPDATED_AT(ConversationField.LAST_UPDATED_AT, false),
    CREATED_AT(ConversationField.CREATED_AT, false),
    TITLE(ConversationField.TITLE, false),
    TITLE_DESC(ConversationField.TITLE, true),
    /** The best match of {@code q} first (see {@link Rank}); only with {@code q}, where it is the default. */
    RELEVANCE(null, true);

    /** The orders of {@code /api/conversations} by a field. */
    public static final Set<SortOrder> BY_DATE = EnumSet.of(UPDATED_AT_DESC, CREATED_AT_DESC, UPDATED_AT, CREATED_AT);
    /** The orders by a field of the conversation (all but {@link #RELEVANCE}). */
    public static final Set<SortOrder> BY_FIELD = EnumSet.complementOf(EnumSet.of(RELEVANCE));

    private final ConversationField field;
    private final boolean descending;

    SortOrder(ConversationField field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** The field the order sorts on; null for {@link #RELEVANCE}. */
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
