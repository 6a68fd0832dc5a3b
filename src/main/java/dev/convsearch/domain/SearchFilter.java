package dev.convsearch.domain;

import java.time.Instant;

import dev.convsearch.api.ConversationTrigger;

/**
 * What a search or count selects: always one user's conversations, narrowed by the optional filters (null means "not
 * filtered"). {@code selectedRepository} is an exact match; {@code titleContains} a case-insensitive literal substring;
 * the date bounds are {@code >=} and {@code <}. Start from {@link #allOf(String)} and add filters with the
 * {@code with...} methods.
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

    public SearchFilter withRepository(String repository) {
        return new SearchFilter(userId, repository, trigger, titleContains, createdAtGte, createdAtLt, updatedAtGte,
                updatedAtLt);
    }

    public SearchFilter withTrigger(ConversationTrigger value) {
        return new SearchFilter(userId, selectedRepository, value, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt);
    }

    public SearchFilter withTitleContaining(String text) {
        return new SearchFilter(userId, selectedRepository, trigger, text, createdAtGte, createdAtLt, updatedAtGte,
                updatedAtLt);
    }

    /** Created at or after {@code gte} and before {@code lt} (either may be null). */
    public SearchFilter withCreated(Instant gte, Instant lt) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, gte, lt, updatedAtGte,
                updatedAtLt);
    }

    /** Last updated at or after {@code gte} and before {@code lt} (either may be null). */
    public SearchFilter withUpdated(Instant gte, Instant lt) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt, gte,
                lt);
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
