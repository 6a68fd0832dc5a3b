package dev.convsearch.service;

import java.time.Instant;

import dev.convsearch.api.ConversationTrigger;

/**
 * What a search or count selects: always one user's conversations, narrowed by the optional filters (null means "not
 * filtered"). {@code selectedRepository} is an exact match; {@code titleContains} a case-insensitive literal substring.
 */
public record SearchFilter(
        String userId,
        String selectedRepository,
        ConversationTrigger trigger,
        String titleContains,
        Instant createdAtGte,
        Instant createdAtLt,
        Instant updatedAtGte,
        Instant updatedAtLt) {

    /** Every conversation of {@code userId}. */
    public static SearchFilter allOf(String userId) {
        return new SearchFilter(userId, null, null, null, null, null, null, null);
    }

    /**
     * A canonical text of this filter, which a cursor is bound to. Each value is length-prefixed so that no two
     * filters share a fingerprint, whatever their strings hold.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Object value : new Object[] { userId, selectedRepository, trigger, titleContains, createdAtGte,
                createdAtLt, updatedAtGte, updatedAtLt }) {
            if (value == null) {
                text.append('-');
            } else {
                String s = value instanceof ConversationTrigger t ? t.wire() : value.toString();
                text.append(s.length()).append(':').append(s);
            }
            text.append('|');
        }
        return text.toString();
    }
}
