package dev.convsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.convsearch.api.TextMatch;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextIndex.IndexState;
import dev.convsearch.domain.TextQuery;

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
    void anIndexInLucenesOwnCodecIsReadAndWhatIsWrittenNextUsesTheIndexsCodec(@TempDir Path earlier)
            throws IOException {
        LuceneTextIndex first = open();
        first.keep(List.of(event("e1", "the flaky build"))).await().indefinitely();
        first.commit(new IndexState(COMPLETE, "db-1")).await().indefinitely();
        first.close();
        // the folder as a version before SearchIndexCodec wrote it: every segment in Lucene's own codec
        try (FSDirectory from = FSDirectory.open(folder);
                DirectoryReader reader = DirectoryReader.open(from);
                FSDirectory to = FSDirectory.open(earlier);
                IndexWriter writer = new IndexWriter(to, new IndexWriterConfig())) {
            writer.addIndexes(reader.leaves().stream().map(leaf -> (CodecReader) leaf.reader())
                    .toArray(CodecReader[]::new));
            writer.setLiveCommitData(SegmentInfos.readLatestCommit(from).getUserData().entrySet());
            writer.commit();
        }
        assertEquals(Set.of("Lucene912"), codecs(earlier));

        LuceneTextIndex second = new LuceneTextIndex(new SearchIndexFolder(earlier));
        second.open().await().indefinitely();
        second.keep(List.of(new KeptText("u1", "c2", "e2", COMPLETE, "user", "MessageEvent", "the build passed",
                COMPLETE))).await().indefinitely();
        second.commit(new IndexState(COMPLETE, "db-1")).await().indefinitely();
        assertEquals(Set.of("Lucene912", SearchIndexCodec.NAME), codecs(earlier));
        Map<String, List<TextMatch>> matches = second.textMatches("u1", TextQuery.parse("build"), List.of("c1", "c2"), 3)
                .await().indefinitely();
        assertEquals("the flaky build", matches.get("c1").get(0).fragment(), "read from a segment of Lucene's codec");
        assertEquals("the build passed", matches.get("c2").get(0).fragment(), "read from a segment of the index's");
        assertEquals(List.of(4, 9), matches.get("c2").get(0).matches().get(0).indices());
        second.close();
    }

    /** The codecs the segments of the last commit in {@code path} were written with. */
    private static Set<String> codecs(Path path) throws IOException {
        try (FSDirectory directory = FSDirectory.open(path)) {
            Set<String> names = new java.util.TreeSet<>();
            SegmentInfos.readLatestCommit(directory).forEach(segment -> names.add(segment.info.getCodec().getName()));
            return names;
        }
    }

    private LuceneTextIndex open() {
        LuceneTextIndex index = new LuceneTextIndex(new SearchIndexFolder(folder));
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
