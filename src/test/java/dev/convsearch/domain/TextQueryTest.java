package dev.convsearch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.convsearch.domain.TextQuery.Clause;

class TextQueryTest {

    @Test
    void wordsAndQuotedPhrasesInTheOrderWritten() {
        assertEquals(List.of(new Clause("failing", false), new Clause("run the tests", true), new Clause("ci", false)),
                TextQuery.parse("  failing \"run the tests\"ci ").clauses());
    }

    @Test
    void nothingButPairedQuotesIsSyntax() {
        assertEquals(List.of(new Clause("(a:b*)", false), new Clause("-x", false), new Clause("AND", false),
                new Clause("\\y", false), new Clause("\"open", false)),
                TextQuery.parse("(a:b*) -x AND \\y \"open").clauses());
        assertEquals(List.of(new Clause("a", false), new Clause("b", false)), TextQuery.parse("a \"\" b").clauses(),
                "an empty phrase asks for nothing");
    }
}
