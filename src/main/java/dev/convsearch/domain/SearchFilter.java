package dev.convsearch.domain;

import java.time.Instant;
import java.util.List;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.WireEnum;

/**
 * What a search or count selects: always one user's conversations, narrowed by the filters (null or empty means "not
 * filtered"). {@code selectedRepository} is an exact match; {@code titleContains} a case-insensitive literal substring;
 * the date bounds are {@code >=} and {@code <}; {@code tags} must all be held; {@code q} holds the words the title or the
 * events must hold (null: any). Archived conversations are selected
 * only with {@code archived} true (and then only they), sub-conversations only with {@code includeSubConversations}.
 * Start from {@link #allOf(String)} and add filters with the {@code with...} methods.
 */
public record SearchFilter(
        String userId,
        String selectedRepository,
        ConversationTrigger trigger,
        String titleContains,
        Instant createdAtGte,
        Instant createdAtLt,
        Instant updatedAtGte,
        Instant updatedAtLt,
        List<String> tags,
        boolean archived,
        ConversationStatus status,
        boolean includeSubConversations,
        String q) {

    public SearchFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The default list of {@code userId}: every conversation that is neither archived nor a sub-conversation. */
    public static SearchFilter allOf(String userId) {
        return new SearchFilter(userId, null, null, null, null, null, null, null, List.of(), false, null, false, null);
    }

    public SearchFilter withRepository(String repository) {
        return new SearchFilter(userId, repository, trigger, titleContains, createdAtGte, createdAtLt, updatedAtGte,
                updatedAtLt, tags, archived, status, includeSubConversations, q);
    }

    public SearchFilter withTrigger(ConversationTrigger value) {
        return new SearchFilter(userId, selectedRepository, value, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, tags, archived, status, includeSubConversations, q);
    }

    public SearchFilter withTitleContaining(String text) {
        return new SearchFilter(userId, selectedRepository, trigger, text, createdAtGte, createdAtLt, updatedAtGte,
                updatedAtLt, tags, archived, status, includeSubConversations, q);
    }

    /** Created at or after {@code gte} and before {@code lt} (either may be null). */
    public SearchFilter withCreated(Instant gte, Instant lt) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, gte, lt, updatedAtGte,
                updatedAtLt, tags, archived, status, includeSubConversations, q);
    }

    /** Last updated at or after {@code gte} and before {@code lt} (either may be null). */
    public SearchFilter withUpdated(Instant gte, Instant lt) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt, gte,
                lt, tags, archived, status, includeSubConversations, q);
    }

    /** Holding every one of {@code required} (as {@link Tags} keeps them). */
    public SearchFilter withTags(List<String> required) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, Tags.normalise(required), archived, status, includeSubConversations, q);
    }

    /** The archived conversations (true) or the others (false, the default). */
    public SearchFilter withArchived(boolean value) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, tags, value, status, includeSubConversations, q);
    }

    public SearchFilter withStatus(ConversationStatus value) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, tags, archived, value, includeSubConversations, q);
    }

    /**
     * Holding every word and phrase of {@code q} in the title or the events (see {@link TextQuery}); null for any.
     */
    public SearchFilter withText(String words) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, tags, archived, status, includeSubConversations, words);
    }

    /** What {@code q} asks for, or null when the search has none. */
    public TextQuery textQuery() {
        return q == null ? null : TextQuery.parse(q);
    }

    /** Whether sub-conversations are selected too (false, the default: only conversations without a parent). */
    public SearchFilter withSubConversations(boolean included) {
        return new SearchFilter(userId, selectedRepository, trigger, titleContains, createdAtGte, createdAtLt,
                updatedAtGte, updatedAtLt, tags, archived, status, included, q);
    }

    /**
     * A canonical text of this filter, which a cursor is bound to. Each value is length-prefixed so that no two
     * filters share a fingerprint, whatever their strings hold. The filters added after the first eight appear only
     * when they are not their defaults, so a cursor made before they existed still fits the same search.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Object value : new Object[] { userId, selectedRepository, trigger, titleContains, createdAtGte,
                createdAtLt, updatedAtGte, updatedAtLt }) {
            if (value == null) {
                text.append('-');
            } else {
                append(text, value);
            }
            text.append('|');
        }
        if (!tags.isEmpty()) {
            text.append("tags").append(tags.size()).append('[');
            tags.forEach(tag -> append(text, tag));
            text.append("]|");
        }
        if (archived) {
            text.append("archived|");
        }
        if (status != null) {
            text.append("status");
            append(text, status);
            text.append('|');
        }
        if (includeSubConversations) {
            text.append("subs|");
        }
        if (q != null) {
            text.append("q");
            append(text, q);
            text.append('|');
        }
        return text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        String s = value instanceof WireEnum e ? e.wire() : value.toString();
        text.append(s.length()).append(':').append(s);
    }
}
