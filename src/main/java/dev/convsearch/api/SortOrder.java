package dev.convsearch.api;

/** How search results are ordered; ties are broken by {@code conversation_id} in the same direction. */
public enum SortOrder implements WireEnum {
    UPDATED_AT_DESC("last_updated_at", true),
    CREATED_AT_DESC("created_at", true),
    UPDATED_AT("last_updated_at", false),
    CREATED_AT("created_at", false);

    private final String field;
    private final boolean descending;

    SortOrder(String field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** The stored field the order sorts on. */
    public String field() {
        return field;
    }

    /** Whether the newest come first. */
    public boolean descending() {
        return descending;
    }

    @Override
    public String wire() {
        return name();
    }
}
