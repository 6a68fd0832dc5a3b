package dev.convsearch.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code q} asks for: words, and "phrases" whose words must come together and in order; a conversation matches
 * when its title or its events hold every one of them. Nothing in {@code q} is syntax but pairs of double quotes: a
 * quote without a partner, parentheses, colons, stars, backslashes, minus signs and words like AND are text.
 */
public record TextQuery(String text, List<Clause> clauses) {

    /** A word, or the words of a phrase, as written. */
    public record Clause(String text, boolean phrase) {
    }

    public TextQuery {
        clauses = List.copyOf(clauses);
    }

    /** {@code q} read into its words and phrases, in the order written. */
    public static TextQuery parse(String q) {
        List<Clause> clauses = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            int closing = c == '"' ? q.indexOf('"', i + 1) : -1;
            if (closing < 0) {
                words.append(c);
                continue;
            }
            addWords(clauses, words);
            String phrase = q.substring(i + 1, closing).strip();
            if (!phrase.isEmpty()) {
                clauses.add(new Clause(phrase, true));
            }
            i = closing;
        }
        addWords(clauses, words);
        return new TextQuery(q, clauses);
    }

    private static void addWords(List<Clause> clauses, StringBuilder words) {
        for (String word : words.toString().strip().split("\\s+")) {
            if (!word.isEmpty()) {
                clauses.add(new Clause(word, false));
            }
        }
        words.setLength(0);
    }
}
