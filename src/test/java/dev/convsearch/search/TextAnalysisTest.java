package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import dev.convsearch.domain.TextQuery;

/** Each promise of the analyzer chain, as a query of {@code q} finds (or does not find) a text. */
class TextAnalysisTest {

    private static final TextQueries QUERIES = new TextQueries();

    @Test
    void aWordAskedAgainIsOneClauseAskedThatManyTimes() {
        // also as another form of it: each is searched once, and weighs as often as it is asked
        List<TextQueries.Clause> clauses = QUERIES.clauses(TextQuery.parse("tests Test failed test \"tests\" build"));
        assertEquals(List.of(4, 1, 1), clauses.stream().map(TextQueries.Clause::times).toList());
        assertEquals(List.of("text:test", "text:fail", "text:build"),
                clauses.stream().map(clause -> clause.text().toString()).toList());
        assertEquals(1, QUERIES.clauses(TextQuery.parse("the ".repeat(125))).size());
    }

    @Test
    void theIndexHoldsEveryTokenWhereTheChainWithoutItsShortcutPutsIt() throws IOException {
        // the chain hands only words with parts to the parts' filters: the index must hold the same tokens at the same
        // positions and offsets as when every word went through them (segments written before are read as they are)
        Analyzer everyWordThroughParts = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new TextAnalysis.CodeTokenizer();
                TokenStream stream = new FlattenGraphFilter(TextAnalysis.parts(new TextAnalysis.TrimDelimiters(
                        tokenizer)));
                stream = new ASCIIFoldingFilter(new TextAnalysis.StripAccents(new LowerCaseFilter(stream)));
                return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
            }
        };
        String[] pieces = { "the", "build", "failed", "Café", "naïve", "Zu\u0308rich", "日本語", "🎈", "docker-compose.yml",
                "src/main/App.java", "/usr/bin/", "my_var", "_private", "__init__", "a..b", "--", "-", ".", "v1.2.3",
                "x/y/z", "é-à", "NullPointerException", "java.lang.NullPointerException:", "end.", "(foo:bar)",
                "user_id", "e2e-tests_v2/run.sh", "a-b-c-d-e-f-g", "1.5", "ａｂｃ", "ß", "Ǆ", "\u0301x", "x\u0301",
                "don't", "it's", "ab\u00adcd", "\t", "\n", "  " };
        Random random = new Random(29);
        Analyzer chain = TextAnalysis.forIndexing();
        int tokens = 0;
        for (int text = 0; text < 2_000; text++) {
            StringBuilder built = new StringBuilder();
            for (int piece = random.nextInt(40); piece >= 0; piece--) {
                built.append(pieces[random.nextInt(pieces.length)])
                        .append(random.nextInt(4) == 0 ? "" : random.nextBoolean() ? " " : ", ");
            }
            List<String> expected = positioned(everyWordThroughParts, built.toString());
            assertEquals(expected, positioned(chain, built.toString()), built.toString());
            tokens += expected.size();
        }
        assertTrue(tokens > 20_000, "compared " + tokens + " tokens");
    }

    /** Each token of {@code text} as the index takes it: its term, position increment and offsets. */
    private static List<String> positioned(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexedTexts.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + " +" + increment.getPositionIncrement() + " [" + offset.startOffset() + ","
                        + offset.endOffset() + ")");
            }
            stream.end(); // its position increment would only count for a field's next value: a text has one
            tokens.add("end [" + offset.startOffset() + "," + offset.endOffset() + ")");
        }
        return tokens;
    }

    @Test
    void caseDoesNotCount() {
        assertTrue(finds("DEPLOY", "deploy the service"));
        assertTrue(finds("deploy", "DEPLOY THE SERVICE"));
    }

    @Test
    void accentsDoNotCount() {
        assertTrue(finds("cafe", "the Café is open"));
        assertTrue(finds("café", "the cafe is open"));
        assertTrue(finds("cafe", "the Cafe\u0301 is open"), "a decomposed accent");
        assertTrue(finds("okonomie", "Ökonomie"));
        assertTrue(finds("Zurich", "Zürich"));
    }

    @Test
    void englishWordFormsFindEachOther() {
        assertTrue(finds("failing tests", "the test failed"));
        assertTrue(finds("running", "we run it"));
        assertTrue(finds("builds", "the build broke"));
        assertFalse(finds("deploy", "depot"));
    }

    @Test
    void codeIsFoundWholeAndByItsPartsSplitAtDotDashUnderscoreSlash() {
        String text = "Why does docker-compose.yml break src/main/App.java and my_var? java.lang.NullPointerException:";
        for (String q : List.of("docker-compose.yml", "docker-compose", "compose", "yml", "docker", "src/main/App.java",
                "App.java", "main", "my_var", "var", "NullPointerException", "java.lang.NullPointerException")) {
            assertTrue(finds(q, text), q);
        }
        assertFalse(finds("compose-docker", text), "parts in another order");
        assertFalse(finds("Pointer", text), "not split at a change of case");
    }

    @Test
    void punctuationAtATokensEndsIsCutOff() {
        assertEquals(List.of("end"), tokens("end."));
        assertEquals(List.of("usr/bin", "usr", "bin"), tokens("/usr/bin/"));
        assertEquals(List.of("docker-compose.yml", "docker", "compos", "yml"), tokens("docker-compose.yml"));
    }

    @Test
    void phrasesMatchWordsTogetherInOrder() {
        assertTrue(finds("\"run the tests\"", "Let me run the tests now"));
        assertFalse(finds("\"run the tests\"", "the tests run"));
        assertTrue(finds("\"docker compose\"", "see docker-compose.yml"), "parts of a code word are together");
        assertTrue(finds("\"x - - y\"", "x - - y"), "a phrase across words that are dropped finds its own text");
        assertTrue(finds("\"done -- - next step\"", "Done -- - next step."));
        assertTrue(finds("\"run - - the-tests\"", "run - - the-tests"));
    }

    @Test
    void nothingInQIsSyntax() {
        assertTrue(finds("AND", "black and white"));
        assertTrue(finds("(foo:bar*)", "foo is not bar"));
        assertTrue(finds("\"unbalanced", "an unbalanced quote"));
        assertTrue(QUERIES.clauses(TextQuery.parse("( : * \\ -")).isEmpty(), "no word, nothing asked");
    }

    @Test
    void anyTextIsIndexedWithItsOffsetsInOrder() throws IOException {
        // offsets that went backwards would make Lucene refuse the event (an IllegalArgumentException)
        Random random = new Random(7);
        String alphabet = "aZé\u0301._-/ :\n(🎉)0\u200b\ud800";
        try (IndexWriter writer = new IndexWriter(new ByteBuffersDirectory(),
                new IndexWriterConfig(TextAnalysis.forIndexing()))) {
            for (int i = 0; i < 2000; i++) {
                StringBuilder text = new StringBuilder();
                for (int c = random.nextInt(60); c > 0; c--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                Document document = new Document();
                document.add(new Field(IndexedTexts.TEXT, text.toString(),
                        IndexedTexts.EVENT_TEXT));
                writer.addDocument(document);
            }
        }
    }

    /** Whether a conversation holding only {@code text} matches {@code q}: every clause found in it. */
    private static boolean finds(String q, String text) {
        MemoryIndex index = new MemoryIndex();
        index.addField(IndexedTexts.TEXT, text, TextAnalysis.forIndexing());
        List<TextQueries.Clause> clauses = QUERIES.clauses(TextQuery.parse(q));
        return !clauses.isEmpty() && clauses.stream().allMatch(clause -> index.search(clause.text()) > 0);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = TextAnalysis.forIndexing().tokenStream(IndexedTexts.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
