package dev.convsearch.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where a conversation stands in a {@link SortOrder#RELEVANCE} order: how many of the query's words and phrases its
 * title holds, then how well it matches them all (as the text index scores), then how recently it was updated; the
 * greatest first, ties broken by {@code conversation_id}, greatest first too.
 */
public record Rank(int titleClauses, float score, Instant updatedAt) {

    /** Best first. */
    public static final Comparator<Rank> BEST_FIRST = Comparator.comparingInt(Rank::titleClauses)
            .thenComparing(Rank::score, Float::compare).thenComparing(Rank::updatedAt).reversed();
}
