package dev.convsearch.domain;

/**
 * How well a conversation matches a {@link TextQuery}: how many of its words and phrases the title holds, and the
 * score of the match as a whole (title and events).
 */
public record TextRelevance(int titleClauses, float score) {
}
