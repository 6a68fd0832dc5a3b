package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.convsearch.api.TextMatch;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextIndex.IndexState;
import dev.convsearch.domain.TextQuery;
import dev.convsearch.domain.TextRelevance;

/**
 * What the index's commits say about it at the next start: only a clean close says it holds everything its process
 * wrote (the follower then reads nothing from the embedded database); a process killed after opening it never does.
 */
class LuceneTextIndexTest {

    private static final Instant COMPLETE = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aCleanCloseIsRecordedAndOpeningForgetsItAtOnce() throws IOException {
        LuceneTextIndex first = open();
        assertEquals(new IndexState(null, null, false), first.state(), "a new index holds nothing");
        first.keep(List.of(event("e1", "the flaky build"))).await().indefinitely();
        first.commit(new IndexState(COMPLETE, "db-1")).await().indefinitely();
        first.keep(List.of(event("e2", "written after the last commit"))).await().indefinitely();
        first.close();

        LuceneTextIndex second = open();
        assertEquals(new IndexState(COMPLETE, "db-1", true), second.state(), "closed cleanly, after its last commit");
        assertEquals(Set.of("c1"), second.find("u1", TextQuery.parse("written after")).await().indefinitely()
                .matches().keySet(), "what was kept after the last commit is there");
        assertFalse(lastCommitSaysClosedCleanly(), "killed from now on, the next start must not read it as clean");
        second.close();
        assertTrue(lastCommitSaysClosedCleanly());
    }

    @Test
    void keepingBeforeOpenIsNotedAndKeepingOnceClosingFails() throws IOException {
        LuceneTextIndex index = new LuceneTextIndex(new SearchIndexFolder(folder));
        assertFalse(index.missedWrites());
        index.keep(List.of(event("e1", "before open"))).await().indefinitely();
        index.forget("u1", "c1", COMPLETE).await().indefinitely();
        assertTrue(index.missedWrites(), "MongoDB alone has them: the follower must read them");

        index.open().await().indefinitely();
        index.close();
        assertTrue(lastCommitSaysClosedCleanly());
        assertThrows(IllegalStateException.class,
                () -> index.keep(List.of(event("e2", "too late"))).await().indefinitely(), "never lost in silence");
    }

    @Test
    void anIndexAnEarlierVersionWroteIsReadAndWrittenToAsItIs(@TempDir Path earlier) throws IOException {
        // the folder as versions before the layout and SearchIndexCodec wrote it: Lucene's own codec, the documents in
        // the order they came, no user doc values
        try (FSDirectory directory = FSDirectory.open(earlier);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.forIndexing())
                        .setSimilarity(new FixedStatisticsSimilarity()))) {
            writer.addDocument(earlierEvent("u2", "c1", "e1", "the build of another user"));
            writer.addDocument(earlierEvent("u1", "c1", "e1", "the flaky build"));
            writer.setLiveCommitData(Map.of("complete", Long.toString(COMPLETE.toEpochMilli()), "database", "db-1")
                    .entrySet());
            writer.commit();
        }
        assertEquals(Set.of("Lucene912"), codecs(earlier));

        LuceneTextIndex second = new LuceneTextIndex(new SearchIndexFolder(earlier));
        second.open().await().indefinitely();
        assertEquals(new IndexState(COMPLETE, "db-1", false), second.state(), "what it holds is kept");
        second.keep(List.of(new KeptText("u1", "c2", "e2", COMPLETE, "user", "MessageEvent", "the build passed",
                COMPLETE))).await().indefinitely();
        second.commit(new IndexState(COMPLETE, "db-1")).await().indefinitely();
        assertEquals(Set.of("Lucene912", SearchIndexCodec.NAME), codecs(earlier));
        assertEquals(java.util.Collections.singleton((Sort) null), layouts(earlier),
                "its order is kept: Lucene cannot change it in place");
        assertEquals(Set.of("c1", "c2"), second.find("u1", TextQuery.parse("build")).await().indefinitely().matches()
                .keySet());
        Map<String, List<TextMatch>> matches = second.textMatches("u1", TextQuery.parse("build"), List.of("c1", "c2"), 3)
                .await().indefinitely();
        assertEquals("the flaky build", matches.get("c1").get(0).fragment(), "read from a segment of Lucene's codec");
        assertEquals(1, matches.get("c1").size(), "never another user's event of the same conversation id");
        assertEquals("the build passed", matches.get("c2").get(0).fragment(), "read from a segment of the index's");
        assertEquals(List.of(4, 9), matches.get("c2").get(0).matches().get(0).indices());
        second.close();
    }

    @Test
    void aNewIndexKeepsEachUsersTextsTogether() throws IOException {
        LuceneTextIndex index = open();
        index.keep(List.of(new KeptText("u2", "c1", "e1", COMPLETE, "user", "MessageEvent", "the build", COMPLETE),
                event("e1", "the flaky build"), KeptText.title("u1", "c1", "Flaky build", COMPLETE)))
                .await().indefinitely();
        index.commit(new IndexState(COMPLETE, "db-1")).await().indefinitely();
        index.close();
        assertEquals(Set.of(IndexedTexts.LAYOUT), layouts(folder));
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                // the title's document too: a search then reads an event's length at its number, not through a list
                assertEquals(leaf.reader().maxDoc(), leaf.reader().getNormValues(IndexedTexts.TEXT).cost(),
                        "every document has the event text's length");
            }
        }
    }

    @Test
    void bothLayoutsFindTheSameConversationsWithTheSameScoresAndMatches(@TempDir Path earlier) throws IOException {
        // users who share conversation ids, texts kept in several batches (segments), a conversation forgotten and
        // written again: the laid-out index reads a user's run of documents, the earlier one filters every segment.
        // w0's last conversation and w1's first are both c9: in the layout their texts follow each other
        Random random = new Random(29);
        List<String> users = List.of("u0", "u1", "u2", "w0", "w1");
        Map<String, List<String>> conversations = Map.of("w0", List.of("c5", "c9"), "w1", List.of("c9", "d1"));
        List<List<KeptText>> batches = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            List<KeptText> texts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String user = users.get(random.nextInt(users.size()));
                String conversation = conversations.containsKey(user)
                        ? conversations.get(user).get(random.nextInt(2))
                        : "c" + random.nextInt(8);
                texts.add(i % 10 == 0 ? KeptText.title(user, conversation, words(random, 3), COMPLETE)
                        : new KeptText(user, conversation, "e" + batch + "-" + i, COMPLETE, "agent", "MessageEvent",
                                words(random, 4 + random.nextInt(12)), COMPLETE));
            }
            batches.add(texts);
        }
        try (FSDirectory directory = FSDirectory.open(earlier);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.forIndexing())
                        .setSimilarity(new FixedStatisticsSimilarity()))) {
            for (KeptText text : batches.get(0)) {
                writer.addDocument(IndexedTexts.document(text, false));
            }
            writer.commit();
        }
        LuceneTextIndex laidOut = open();
        laidOut.keep(batches.get(0)).await().indefinitely();
        LuceneTextIndex unsorted = new LuceneTextIndex(new SearchIndexFolder(earlier));
        unsorted.open().await().indefinitely();
        for (LuceneTextIndex index : List.of(laidOut, unsorted)) {
            for (List<KeptText> batch : batches.subList(1, batches.size())) {
                index.keep(batch).await().indefinitely();
                index.find("u0", TextQuery.parse("build")).await().indefinitely(); // a segment per batch
            }
            index.forget("u1", "c3", COMPLETE).await().indefinitely();
            index.keep(List.of(new KeptText("u1", "c3", "again", COMPLETE, "user", "MessageEvent",
                    "the flaky build recovered", COMPLETE))).await().indefinitely();
        }
        List<String> queries = List.of("build", "flaky test", "\"flaky build\"", "docker compose fails", "cache",
                "login service timeout", "the flaky build fails again", "test the cache and the login service");
        assertSameAnswers(laidOut, unsorted, queries, users);
        assertTrue(segments(laidOut) > 1);
        laidOut.mergeIfWorthIt(java.time.Duration.ofHours(1)); // a conversation's texts in one segment, not several
        assertEquals(1, segments(laidOut));
        assertSameAnswers(laidOut, unsorted, queries, users);
        Map<String, TextRelevance> c3 = laidOut.find("u1", TextQuery.parse("recovered")).await().indefinitely().matches();
        assertEquals(Set.of("c3"), c3.keySet(), "the conversation written again is found, and only for its user");
        assertEquals(Set.of(), laidOut.find("u0", TextQuery.parse("recovered")).await().indefinitely().matches().keySet());
        laidOut.close();
        unsorted.close();
    }

    /** Asserts that {@code laidOut} finds what {@code unsorted} finds, with the same relevance and text matches. */
    private static void assertSameAnswers(LuceneTextIndex laidOut, LuceneTextIndex unsorted, List<String> queries,
            List<String> users) {
        for (String query : queries) {
            for (String user : Stream.concat(users.stream(), Stream.of("nobody")).toList()) {
                TextQuery parsed = TextQuery.parse(query);
                Map<String, TextRelevance> found = laidOut.find(user, parsed).await().indefinitely().matches();
                assertEquals(unsorted.find(user, parsed).await().indefinitely().matches(), found, user + ": " + query);
                List<String> ids = List.copyOf(found.keySet());
                assertEquals(unsorted.textMatches(user, parsed, ids, 3).await().indefinitely(),
                        laidOut.textMatches(user, parsed, ids, 3).await().indefinitely(), user + ": " + query);
            }
        }
    }

    @Test
    void aUsersAnswersAreTheSameAmongOtherUsersTexts(@TempDir Path crowded) throws IOException {
        // the same user's texts, in the same batches (segments), alone and among other users' conversations: some
        // with the user's conversation ids, most with ids between them (so the user's ordinals are far apart)
        Random random = new Random(37);
        LuceneTextIndex alone = open();
        LuceneTextIndex among = new LuceneTextIndex(new SearchIndexFolder(crowded), java.time.Duration.ZERO);
        among.open().await().indefinitely();
        for (int batch = 0; batch < 3; batch++) {
            List<KeptText> users = new ArrayList<>();
            List<KeptText> others = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String conversation = "c" + random.nextInt(12);
                users.add(i % 8 == 0 ? KeptText.title("u1", conversation, words(random, 3), COMPLETE)
                        : new KeptText("u1", conversation, "e" + batch + "-" + i, COMPLETE, "agent", "MessageEvent",
                                words(random, 4 + random.nextInt(12)), COMPLETE));
            }
            for (int i = 0; i < 400; i++) {
                String conversation = i % 10 == 0 ? "c" + random.nextInt(12) : "c" + random.nextInt(12) + "-" + i;
                String other = (random.nextBoolean() ? "a" : "z") + random.nextInt(25); // runs before and after u1's
                others.add(new KeptText(other, conversation, "o" + batch + "-" + i, COMPLETE,
                        "user", "MessageEvent", words(random, 4 + random.nextInt(12)), COMPLETE));
            }
            alone.keep(users).await().indefinitely();
            // the others' texts among the user's, the user's in their order (of equally good events of one time, a
            // page shows them in the order they were written)
            List<KeptText> both = new ArrayList<>();
            for (int u = 0, o = 0; u < users.size() || o < others.size();) {
                boolean user = o == others.size() || u < users.size() && random.nextInt(11) == 0;
                both.add(user ? users.get(u++) : others.get(o++));
            }
            among.keep(both).await().indefinitely();
            for (LuceneTextIndex index : List.of(alone, among)) {
                index.find("u1", TextQuery.parse("build")).await().indefinitely(); // a segment per batch
            }
        }
        assertEquals(3, segments(among));
        for (String query : List.of("build", "flaky test", "\"flaky build\"", "docker-compose fails", "café",
                "login service timeout")) {
            TextQuery parsed = TextQuery.parse(query);
            Map<String, TextRelevance> found = alone.find("u1", parsed).await().indefinitely().matches();
            assertFalse(found.isEmpty(), query);
            assertEquals(found, among.find("u1", parsed).await().indefinitely().matches(), query);
            List<String> ids = List.copyOf(found.keySet());
            assertEquals(alone.textMatches("u1", parsed, ids, 3).await().indefinitely(),
                    among.textMatches("u1", parsed, ids, 3).await().indefinitely(), query);
        }
        alone.close();
        among.close();
    }

    @Test
    void anIndexIsMergedWhenWorthItAndAnswersAsBefore() throws IOException {
        Random random = new Random(31);
        LuceneTextIndex index = open();
        for (int batch = 0; batch < 5; batch++) {
            List<KeptText> texts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                // times in no order of writing: of equally good events a page shows the earlier, whatever the segments
                Instant at = COMPLETE.plusMillis(random.nextInt(1000) * 1000L + batch * 1000 + i);
                texts.add(new KeptText("u" + random.nextInt(3), "c" + random.nextInt(8), "e" + batch + "-" + i, at,
                        "agent", "MessageEvent", words(random, 4 + random.nextInt(12)), at));
            }
            index.keep(texts).await().indefinitely();
            index.find("u0", TextQuery.parse("build")).await().indefinitely(); // a segment per batch
        }
        index.forget("u1", "c3", COMPLETE).await().indefinitely();
        Map<String, Map<String, TextRelevance>> before = new java.util.HashMap<>();
        Map<String, Map<String, List<TextMatch>>> matchesBefore = new java.util.HashMap<>();
        List<String> queries = List.of("build", "flaky test", "\"flaky build\"", "docker compose fails", "café");
        for (String query : queries) {
            for (String user : List.of("u0", "u1", "u2")) {
                Map<String, TextRelevance> found = index.find(user, TextQuery.parse(query)).await().indefinitely()
                        .matches();
                before.put(user + query, found);
                matchesBefore.put(user + query, index.textMatches(user, TextQuery.parse(query),
                        List.copyOf(found.keySet()), 3).await().indefinitely());
            }
        }
        assertTrue(segments(index) >= 5, "a segment per batch");

        assertEquals(segments(index), index.mergeIfWorthIt(java.time.Duration.ofHours(1)),
                "all into one: written to a moment ago, but no merge took any of the time yet");
        assertEquals(1, segments(index));
        assertAnswersAsBefore(index, queries, before, matchesBefore);
        assertEquals(0, index.mergeIfWorthIt(java.time.Duration.ZERO), "one segment already");
        index.keep(List.of(event("late", "one more build"))).await().indefinitely();
        index.find("u1", TextQuery.parse("build")).await().indefinitely();
        assertEquals(2, segments(index));
        assertEquals(0, index.mergeIfWorthIt(java.time.Duration.ZERO),
                "a text is not worth rewriting the index for: " + index.segmentSizes());
        for (String id : List.of("later", "latest")) { // as a live feed writes: a few texts, each seen by a search
            index.keep(List.of(event(id, "flaky login"))).await().indefinitely();
            index.find("u2", TextQuery.parse("login")).await().indefinitely();
        }
        assertEquals(4, segments(index));
        List<Long> sizes = index.segmentSizes();
        assertEquals(3, index.mergeIfWorthIt(java.time.Duration.ZERO), "the small ones into one: " + sizes);
        assertEquals(2, segments(index));
        assertTrue(index.find("u1", TextQuery.parse("flaky login")).await().indefinitely().matches()
                .containsKey("c1"), "what the small segments held is found in the merged one");
        index.close();
        assertTrue(lastCommitSaysClosedCleanly());
        LuceneTextIndex again = open();
        assertEquals(before.get("u0build").keySet(), again.find("u0", TextQuery.parse("build")).await().indefinitely()
                .matches().keySet());
        again.close();
    }

    private static void assertAnswersAsBefore(LuceneTextIndex index, List<String> queries,
            Map<String, Map<String, TextRelevance>> before, Map<String, Map<String, List<TextMatch>>> matchesBefore) {
        for (String query : queries) {
            for (String user : List.of("u0", "u1", "u2")) {
                TextQuery parsed = TextQuery.parse(query);
                Map<String, TextRelevance> found = index.find(user, parsed).await().indefinitely().matches();
                assertEquals(before.get(user + query), found, user + ": " + query);
                assertEquals(matchesBefore.get(user + query), index.textMatches(user, parsed,
                        List.copyOf(found.keySet()), 3).await().indefinitely(), user + ": " + query);
            }
        }
    }

    @Test
    void aLongQueryFindsWhatEachOfItsWordsFindsTogetherInOneSegmentOrMany() throws IOException {
        // the words are scored rarest first, and the search ends once no conversation holds them all; with a
        // conversation's texts in several segments (a word in one, the next word in another) and in one, the search
        // finds the conversations each word finds, with the same relevance
        Random random = new Random(43);
        LuceneTextIndex index = open();
        for (int batch = 0; batch < 4; batch++) {
            List<KeptText> texts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String user = "u" + random.nextInt(2);
                String conversation = "c" + random.nextInt(100);
                texts.add(i % 15 == 0 ? KeptText.title(user, conversation, words(random, 2), COMPLETE)
                        : new KeptText(user, conversation, "e" + batch + "-" + i, COMPLETE, "agent", "MessageEvent",
                                words(random, 1 + random.nextInt(4)), COMPLETE));
            }
            index.keep(texts).await().indefinitely();
            index.find("u0", TextQuery.parse("build")).await().indefinitely(); // a segment per batch
        }
        List<String> vocabulary = List.of("the", "flaky", "build", "test", "docker-compose", "fails", "cache", "login",
                "service", "timeout", "again", "café", "NullPointerException");
        List<String> queries = new ArrayList<>(List.of(String.join(" ", vocabulary),
                "cache " + "the ".repeat(120) + "login", "\"flaky build\" " + String.join(" ", vocabulary),
                "build build Build builds", "nowhere " + String.join(" ", vocabulary)));
        for (int i = 0; i < 12; i++) {
            List<String> words = new ArrayList<>(vocabulary);
            java.util.Collections.shuffle(words, random);
            queries.add(String.join(" ", words.subList(0, 2 + random.nextInt(6))));
        }
        Map<String, Map<String, TextRelevance>> inSegments = new java.util.HashMap<>();
        for (String query : queries) {
            for (String user : List.of("u0", "u1")) {
                Map<String, TextRelevance> found = index.find(user, TextQuery.parse(query)).await().indefinitely()
                        .matches();
                assertEquals(eachWordFinds(index, user, query), found.keySet(), user + ": " + query);
                inSegments.put(user + query, found);
            }
        }
        assertTrue(segments(index) >= 4, "a segment per batch");
        index.mergeIfWorthIt(java.time.Duration.ofHours(1));
        assertEquals(1, segments(index));
        int ended = 0;
        for (String query : queries) {
            for (String user : List.of("u0", "u1")) {
                Map<String, TextRelevance> found = index.find(user, TextQuery.parse(query)).await().indefinitely()
                        .matches();
                assertEquals(inSegments.get(user + query), found, user + ": " + query);
                ended += found.isEmpty() ? 1 : 0;
            }
        }
        assertTrue(ended > 2 && ended < 2 * queries.size() - 2, "some queries find nothing, most find some: " + ended);
        Map<String, TextRelevance> once = index.find("u0", TextQuery.parse("cache login")).await().indefinitely()
                .matches();
        Map<String, TextRelevance> repeated = index.find("u0", TextQuery.parse("cache cache login cache"))
                .await().indefinitely().matches();
        assertEquals(once.keySet(), repeated.keySet());
        for (String id : once.keySet()) { // a word asked three times weighs three times, as when it was scored thrice
            assertTrue(repeated.get(id).score() > once.get(id).score(), id);
        }
        index.close();
    }

    /** The user's conversations that each word and phrase of {@code query}, asked alone, finds. */
    private static Set<String> eachWordFinds(LuceneTextIndex index, String user, String query) {
        Set<String> found = null;
        for (TextQuery.Clause clause : TextQuery.parse(query).clauses()) {
            String alone = clause.phrase() ? '"' + clause.text() + '"' : clause.text();
            Set<String> ids = index.find(user, TextQuery.parse(alone)).await().indefinitely().matches().keySet();
            found = found == null ? new java.util.HashSet<>(ids) : found;
            found.retainAll(ids);
        }
        return found;
    }

    @Test
    void aMergeKeepsTheLargestSegmentsTheOthersAreNotWorthRewriting() {
        long mb = 1 << 20;
        long most = 5000 * mb;
        assertEquals(-1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(), most), "empty");
        assertEquals(-1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb), most), "one");
        assertEquals(0, LuceneTextIndex.keptByTheMergeWorthIt(List.of(16 * mb, 16 * mb), most));
        assertEquals(0, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb, 7 * mb, 3 * mb), most),
                "a tenth outside the largest: all into one");
        assertEquals(-1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb, 9 * mb), most),
                "one small segment beside the largest is left to grow");
        assertEquals(1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb, 4 * mb, mb / 2), most),
                "the smaller two into one");
        assertEquals(2, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb, 4 * mb, mb / 4, mb / 16, mb / 16),
                most), "the three smallest into one: not worth rewriting the 4 MB for");
        assertEquals(-1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(100 * mb, 9 * mb, mb / 2, mb / 32), most),
                "each under a tenth of the one above");
        assertEquals(-1, LuceneTextIndex.keptByTheMergeWorthIt(List.of(4000 * mb, 1000 * mb, 1 * mb), most),
                "over the largest segment the merge policy makes: its own merges");
    }

    /** How many segments the index's searcher reads now. */
    private static int segments(LuceneTextIndex index) throws IOException {
        return index.segmentSizes().size();
    }

    private static String words(Random random, int count) {
        List<String> vocabulary = List.of("the", "flaky", "build", "test", "docker-compose", "fails", "cache", "login",
                "service", "timeout", "again", "café", "NullPointerException");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        return text.toString();
    }

    /** A document of an event as versions before {@link IndexedTexts#LAYOUT} wrote it. */
    private static Document earlierEvent(String user, String conversation, String id, String text) {
        return IndexedTexts.document(new KeptText(user, conversation, id, COMPLETE, "user", "MessageEvent", text,
                COMPLETE), false);
    }

    /** How the segments of the last commit in {@code path} order their documents (null: as they came). */
    private static Set<Sort> layouts(Path path) throws IOException {
        try (FSDirectory directory = FSDirectory.open(path)) {
            Set<Sort> sorts = new java.util.HashSet<>();
            SegmentInfos.readLatestCommit(directory).forEach(segment -> sorts.add(segment.info.getIndexSort()));
            return sorts;
        }
    }

    /** The codecs the segments of the last commit in {@code path} were written with. */
    private static Set<String> codecs(Path path) throws IOException {
        try (FSDirectory directory = FSDirectory.open(path)) {
            Set<String> names = new java.util.TreeSet<>();
            SegmentInfos.readLatestCommit(directory).forEach(segment -> names.add(segment.info.getCodec().getName()));
            return names;
        }
    }

    /** The index in {@link #folder}, open, merging only when a test asks it to. */
    private LuceneTextIndex open() {
        LuceneTextIndex index = new LuceneTextIndex(new SearchIndexFolder(folder), java.time.Duration.ZERO);
        index.open().await().indefinitely();
        return index;
    }

    private boolean lastCommitSaysClosedCleanly() throws IOException {
        try (FSDirectory directory = FSDirectory.open(folder)) {
            return SegmentInfos.readLatestCommit(directory).getUserData().containsKey("closed_cleanly");
        }
    }

    private static KeptText event(String id, String text) {
        return new KeptText("u1", "c1", id, COMPLETE, "user", "MessageEvent", text, COMPLETE);
    }
}
