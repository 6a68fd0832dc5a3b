package dev.convsearch.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

import dev.convsearch.domain.TextQuery;

/**
 * Turns a {@link TextQuery} into one Lucene query per word and phrase, on the events' text and on the titles, through
 * the query chain of {@link TextAnalysis}. A word is split where its characters could not be in a token (so
 * {@code (foo:bar)} asks for {@code foo} and {@code bar}, each anywhere in the conversation); a code word and its parts
 * become alternatives ({@code docker-compose} is the token or the phrase {@code docker compose}); a phrase is a phrase.
 * Words and phrases that hold no token ({@code -}, {@code *}) ask for nothing.
 */
final class TextQueries {

    /** One word or phrase: the query of the events' text, and of the title. */
    record Clause(Query text, Query title) {
    }

    private final QueryBuilder builder;

    TextQueries() {
        builder = new QueryBuilder(TextAnalysis.forQueries());
        builder.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    }

    List<Clause> clauses(TextQuery query) {
        List<Clause> clauses = new ArrayList<>();
        for (TextQuery.Clause clause : query.clauses()) {
            if (clause.phrase()) {
                add(clauses, builder.createPhraseQuery(IndexedTexts.TEXT, clause.text()),
                        builder.createPhraseQuery(IndexedTexts.TITLE, clause.text()));
            } else {
                for (String word : words(clause.text())) {
                    add(clauses, builder.createBooleanQuery(IndexedTexts.TEXT, word, Occur.MUST),
                            builder.createBooleanQuery(IndexedTexts.TITLE, word, Occur.MUST));
                }
            }
        }
        return clauses;
    }

    private static void add(List<Clause> clauses, Query text, Query title) {
        if (text != null && title != null) {
            clauses.add(new Clause(text, title));
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
