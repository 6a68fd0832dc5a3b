package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** A phrase that holds a word twice finds and scores exactly what Lucene's own phrase does. */
class RepeatedWordsPhraseTest {

    @Test
    void aPhraseWithAWordTwiceFindsAndScoresWhatLucenesPhraseDoes() throws IOException {
        // texts of three words, so that runs of one word and every mix of them are common, in several segments with
        // deleted texts; phrases of 2 to 7 of the words
        Random random = new Random(47);
        try (Directory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.forIndexing())
                        .setSimilarity(new FixedStatisticsSimilarity()))) {
            for (int i = 0; i < 3_000; i++) {
                Document document = new Document();
                document.add(new Field(IndexedTexts.TEXT, words(random, 1 + random.nextInt(40)),
                        IndexedTexts.EVENT_TEXT));
                document.add(new StringField(IndexedTexts.KEY, "t" + i, Field.Store.NO));
                writer.addDocument(document);
                if (i % 700 == 699) {
                    writer.deleteDocuments(new Term(IndexedTexts.KEY, "t" + random.nextInt(i)));
                    writer.commit(); // a segment
                }
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertTrue(reader.leaves().size() > 1, "several segments");
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new FixedStatisticsSimilarity());
                int repeated = 0;
                for (int q = 0; q < 300; q++) {
                    String phrase = words(random, 2 + random.nextInt(6));
                    PhraseQuery lucenes = new PhraseQuery(IndexedTexts.TEXT, phrase.split(" "));
                    Query ours = RepeatedWordsPhrase.of(lucenes);
                    if (ours == lucenes) {
                        assertEquals(phrase.split(" ").length, Arrays.stream(phrase.split(" ")).distinct().count(),
                                "only a phrase with a word twice is ours: " + phrase);
                        continue;
                    }
                    repeated++;
                    assertSameHits(searcher, lucenes, ours, phrase);
                    // as a clause among others, as a page's text matches ask it
                    Query other = new TermQuery(new Term(IndexedTexts.TEXT, "b"));
                    assertSameHits(searcher,
                            new BooleanQuery.Builder().add(lucenes, Occur.SHOULD).add(other, Occur.SHOULD).build(),
                            new BooleanQuery.Builder().add(ours, Occur.SHOULD).add(other, Occur.SHOULD).build(), phrase);
                }
                assertTrue(repeated > 200, "most phrases of three words hold one twice: " + repeated);
            }
        }
    }

    @Test
    void aPhraseIsOursOnlyWhenItHoldsAWordTwice() {
        PhraseQuery once = new PhraseQuery(IndexedTexts.TEXT, "the", "build");
        assertSame(once, RepeatedWordsPhrase.of(once));
        Query twice = RepeatedWordsPhrase.of(new PhraseQuery(IndexedTexts.TEXT, "the", "the", "build"));
        assertNotEquals(PhraseQuery.class, twice.getClass());
        assertEquals(twice, RepeatedWordsPhrase.of(new PhraseQuery(IndexedTexts.TEXT, "the", "the", "build")));
        assertNotEquals(twice, RepeatedWordsPhrase.of(new PhraseQuery(IndexedTexts.TEXT, "the", "build", "the")));
        Query sloppy = new PhraseQuery(1, IndexedTexts.TEXT, "the", "the");
        assertSame(sloppy, RepeatedWordsPhrase.of(sloppy));
    }

    private static void assertSameHits(IndexSearcher searcher, Query lucenes, Query ours, String phrase)
            throws IOException {
        ScoreDoc[] expected = searcher.search(lucenes, 10_000).scoreDocs;
        ScoreDoc[] found = searcher.search(ours, 10_000).scoreDocs;
        assertEquals(docsAndScores(expected), docsAndScores(found), phrase);
        assertEquals(searcher.count(lucenes), searcher.count(ours), phrase);
    }

    private static List<String> docsAndScores(ScoreDoc[] hits) {
        List<String> listed = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            listed.add(hit.doc + ":" + hit.score);
        }
        listed.sort(null);
        return listed;
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("abc".charAt(random.nextInt(3)));
        }
        return text.toString();
    }
}
