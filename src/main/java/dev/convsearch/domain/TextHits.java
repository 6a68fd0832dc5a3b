package dev.convsearch.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the text index found for a query: the user's conversations that match it, each with how well (in no order),
 * out of how many conversations of the user it holds. A list, not a map: a search takes the best few of thousands of
 * matches, and hashing every match's id showed as a third of the index's work on a long history.
 */
public record TextHits(List<Map.Entry<String, TextRelevance>> found, int conversations) {

    /** Nothing found. */
    public static final TextHits NONE = new TextHits(List.of(), 0);

    /** Whether nothing matches. */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The matching conversations' ids. */
    public List<String> ids() {
        return found.stream().map(Map.Entry::getKey).toList();
    }

    /** Each matching conversation's relevance by its id: a map made on each call. */
    public Map<String, TextRelevance> matches() {
        Map<String, TextRelevance> byId = new HashMap<>((int) (found.size() / 0.75f) + 1);
        found.forEach(match -> byId.put(match.getKey(), match.getValue()));
        return byId;
    }

    /**
     * Whether most of the user's conversations match: then reading all the user's conversations the filters select,
     * and keeping the matches, is cheaper than asking MongoDB for each match by its id.
     */
    public boolean most() {
        return found.size() * 2 > conversations;
    }
}
