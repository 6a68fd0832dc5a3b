package dev.convsearch.domain;

import java.util.Map;

/**
 * What the text index found for a query: the user's conversations that match it, each with how well, out of how many
 * conversations of the user it holds.
 */
public record TextHits(Map<String, TextRelevance> matches, int conversations) {

    /** Nothing found. */
    public static final TextHits NONE = new TextHits(Map.of(), 0);

    /**
     * Whether most of the user's conversations match: then reading all the user's conversations the filters select,
     * and keeping the matches, is cheaper than asking MongoDB for each match by its id.
     */
    public boolean most() {
        return matches.size() * 2 > conversations;
    }
}
