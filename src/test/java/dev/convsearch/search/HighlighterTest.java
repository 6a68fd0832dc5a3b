package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextIndex.IndexState;
import dev.convsearch.domain.TextQuery;

/**
 * The highlighter that asks the page's one weight where a text matches gives the fragments Lucene's own unified
 * highlighter (a new weight for each text) gives, for words, phrases, code and accents, in texts of several segments.
 */
class HighlighterTest {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");
    private static final String[] WORDS = { "the", "build", "failed", "failing", "tests", "test", "Café", "cafe",
            "docker-compose.yml", "compose", "NullPointerException", "src/main/App.java", "fix", "run", "deploy",
            "naïve", "日本語", "🎈", "user_id", "v1.2.3", "and", "of", "flaky", "passed" };
    private static final List<String> QUERIES = List.of("build", "failing tests", "cafe", "docker-compose",
            "compose", "\"the build\"", "\"fix the\" compose", "NullPointerException", "App.java", "user_id naive",
            "flaky \"tests passed\"", "日本語", "v1.2.3", "run deploy failed", "build build", "\"the build\" build");

    @TempDir
    Path folder;

    @Test
    void fragmentsAreLucenesOwnHighlightersForEveryKindOfQuery() throws IOException {
        LuceneTextIndex index = new LuceneTextIndex(new SearchIndexFolder(folder));
        index.open().await().indefinitely();
        Random random = new Random(29);
        for (int batch = 0; batch < 4; batch++) { // a segment each
            List<KeptText> texts = new ArrayList<>();
            for (int event = 0; event < 60; event++) {
                StringBuilder text = new StringBuilder();
                for (int word = 5 + random.nextInt(120); word > 0; word--) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(9) == 0 ? ". " : " ");
                }
                texts.add(new KeptText("u1", "c" + (event % 7), "e" + batch + "-" + event, AT, "agent",
                        "MessageEvent", text.toString().strip(), AT));
            }
            index.keep(texts).await().indefinitely();
            index.commit(new IndexState(AT, "db")).await().indefinitely();
        }
        index.close();

        int compared = 0;
        try (FSDirectory directory = FSDirectory.open(folder); DirectoryReader reader = DirectoryReader.open(directory)) {
            assertTrue(reader.leaves().size() > 1, "texts in several segments");
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new FixedStatisticsSimilarity());
            for (String q : QUERIES) {
                List<Query> clauses = new TextQueries().clauses(TextQuery.parse(q)).stream()
                        .map(TextQueries.Clause::text).toList();
                BooleanQuery.Builder anyClause = new BooleanQuery.Builder();
                clauses.forEach(clause -> anyClause.add(clause, Occur.SHOULD));
                Query matching = anyClause.build();
                int[] docs = Arrays.stream(searcher.search(matching, 1000).scoreDocs).mapToInt(hit -> hit.doc)
                        .sorted().toArray();
                Map<Integer, Fragments.Fragment> fragments = new Highlighter(searcher, clauses).fragments(matching,
                        docs);
                Object[] expected = new Reference(searcher).objects(matching, docs);
                for (int i = 0; i < docs.length; i++) {
                    assertEquals(expected[i], fragments.get(docs[i]), q + ", doc " + docs[i]);
                    compared++;
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    /** Lucene's own highlighter, set up as {@link Highlighter} sets it up but with Lucene's own passage scorer. */
    private static final class Reference extends UnifiedHighlighter {
        Reference(IndexSearcher searcher) {
            super(Highlighter.settings(searcher));
        }

        Object[] objects(Query query, int[] docs) throws IOException {
            return highlightFieldsAsObjects(new String[] { IndexedTexts.TEXT }, query, docs, new int[] { 1 })
                    .get(IndexedTexts.TEXT);
        }
    }
}
