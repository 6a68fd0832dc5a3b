package dev.convsearch.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the text index found for a query: the user's conversations that match it, each with how well (in no order),
 * out of how many conversations of the user it holds. Match {@code i} is conversation {@code ids().get(i)}, its
 * relevance in two arrays: a search takes the best few of thousands of matches, and an object (or a map entry) for
 * every match showed in the profile of a long history's search.
 */
public final class TextHits {

    /** Nothing found. */
    public static final TextHits NONE = new TextHits(List.of(), new int[0], new float[0], 0);

    private final List<String> ids;
    private final int[] titleClauses;
    private final float[] scores;
    private final int conversations;

    /**
     * Matches {@code ids}, match {@code i} with {@code titleClauses[i]} and {@code scores[i]} (the arrays may be
     * longer than the list), out of {@code conversations} of the user's.
     */
    public TextHits(List<String> ids, int[] titleClauses, float[] scores, int conversations) {
        if (titleClauses.length < ids.size() || scores.length < ids.size()) {
            throw new IllegalArgumentException("a relevance for every match");
        }
        this.ids = ids;
        this.titleClauses = titleClauses;
        this.scores = scores;
        this.conversations = conversations;
    }

    /** How many conversations match. */
    public int size() {
        return ids.size();
    }

    /** Whether nothing matches. */
    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** The matching conversations' ids. */
    public List<String> ids() {
        return ids;
    }

    /** Match {@code i}'s conversation id. */
    public String id(int i) {
        return ids.get(i);
    }

    /** Match {@code i}'s relevance. */
    public TextRelevance relevance(int i) {
        return new TextRelevance(titleClauses[i], scores[i]);
    }

    /** Match {@code i} against match {@code j} as {@link TextRelevance#BEST_FIRST} orders them (negative: i first). */
    public int compare(int i, int j) {
        return TextRelevance.bestFirst(titleClauses[i], scores[i], titleClauses[j], scores[j]);
    }

    /** Match {@code i} against {@code relevance} as {@link TextRelevance#BEST_FIRST} orders them. */
    public int compare(int i, TextRelevance relevance) {
        return TextRelevance.bestFirst(titleClauses[i], scores[i], relevance.titleClauses(), relevance.score());
    }

    /** Each matching conversation's relevance by its id: a map made on each call. */
    public Map<String, TextRelevance> matches() {
        Map<String, TextRelevance> byId = new HashMap<>((int) (ids.size() / 0.75f) + 1);
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), relevance(i));
        }
        return byId;
    }

    /**
     * Whether most of the user's conversations match: then reading the user's conversations the filters select, and
     * keeping the matches, is cheaper than asking MongoDB for each match by its id (for a count, all of them; for a
     * page in an order MongoDB keeps, about a page).
     */
    public boolean most() {
        return ids.size() * 2 > conversations;
    }

    /**
     * How many of the user's conversations to read, whichever they are, to find about {@code wanted} matches among
     * them: as many more as the matches are rare, and a quarter more again (at least {@code wanted}).
     */
    public int toFind(int wanted) {
        long toRead = (long) Math.ceil(1.25 * wanted * conversations / Math.max(1, ids.size()));
        return (int) Math.max(wanted, Math.min(Integer.MAX_VALUE, toRead));
    }
}
