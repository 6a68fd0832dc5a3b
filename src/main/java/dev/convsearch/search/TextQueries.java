package dev.convsearch.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

import dev.convsearch.domain.TextQuery;

/**
 * Turns a {@link TextQuery} into one Lucene query per word and phrase, on the events' text and on the titles, through
 * the query chain of {@link TextAnalysis}. A word is split where its characters could not be in a token (so
 * {@code (foo:bar)} asks for {@code foo} and {@code bar}, each anywhere in the conversation); a code word and its parts
 * become alternatives ({@code docker-compose} is the token or the phrase {@code docker compose}); a phrase is a phrase
 * (one that holds a word twice, a {@link RepeatedWordsPhrase}).
 * Words and phrases that hold no token ({@code -}, {@code *}) ask for nothing. A word or phrase asked again (also as
 * another form of it: {@code tests test}) is one clause asked that many times: it weighs as much as before, and is
 * searched once, so that {@code q} made of one word 250 times costs what the word costs.
 */
final class TextQueries {

    /** One word or phrase: the query of the events' text, and of the title; and how many times {@code q} asks it. */
    record Clause(Query text, Query title, int times) {
    }

    private final QueryBuilder builder;

    TextQueries() {
        builder = new QueryBuilder(TextAnalysis.forQueries());
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    }

    /** The clauses of {@code query}, each once, in the order first asked. */
    List<Clause> clauses(TextQuery query) {
        Map<Query, Clause> clauses = new LinkedHashMap<>();
        for (TextQuery.Clause clause : query.clauses()) {
            if (clause.phrase()) {
                add(clauses, RepeatedWordsPhrase.of(builder.createPhraseQuery(IndexedTexts.TEXT, clause.text())),
                        RepeatedWordsPhrase.of(builder.createPhraseQuery(IndexedTexts.TITLE, clause.text())));
            } else {
                for (String word : words(clause.text())) {
                    add(clauses, builder.createBooleanQuery(IndexedTexts.TEXT, word, Occur.MUST),
                            builder.createBooleanQuery(IndexedTexts.TITLE, word, Occur.MUST));
                }
            }
        }
        return List.copyOf(clauses.values());
    }

    private static void add(Map<Query, Clause> clauses, Query text, Query title) {
        if (text != null && title != null) {
            clauses.merge(text, new Clause(text, title, 1),
                    (asked, again) -> new Clause(asked.text(), asked.title(), asked.times() + 1));
        }
    }

    /** The runs of {@code word} that could be tokens. */
    static List<String> words(String word) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        word.codePoints().forEach(c -> {
            if (TextAnalysis.isTokenChar(c)) {
                current.appendCodePoint(c);
            } else if (!current.isEmpty()) {
                words.add(current.toString());
                current.setLength(0);
            }
        });
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }
}
