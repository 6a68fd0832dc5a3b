package dev.convsearch.domain;

import java.util.Comparator;

/**
 * How well a conversation matches a {@link TextQuery}: how many of its words and phrases the title holds, and the
 * score of the match as a whole (title and events).
 */
public record TextRelevance(int titleClauses, float score) {

    /**
     * Best first: more title words, then the higher score (compared as primitives: a search orders every match by it,
     * and a boxed score for each comparison showed in its profile).
     */
    public static final Comparator<TextRelevance> BEST_FIRST = (a, b) -> bestFirst(a.titleClauses, a.score,
            b.titleClauses, b.score);

    /** {@link #BEST_FIRST} of two relevances given by their parts (negative: the first one first). */
    public static int bestFirst(int titleClauses, float score, int otherTitleClauses, float otherScore) {
        return titleClauses != otherTitleClauses ? Integer.compare(otherTitleClauses, titleClauses)
                : Float.compare(otherScore, score);
    }
}
