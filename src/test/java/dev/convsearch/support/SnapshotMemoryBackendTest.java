package dev.convsearch.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;

/** What a find answered stays as it was when an update follows before the answer is sent; the update still lands. */
class SnapshotMemoryBackendTest {

    @Test
    void aFindsAnswerIsNotChangedByALaterUpdate() {
        MemoryBackend backend = new SnapshotMemoryBackend();
        assertEquals("T3", titleFoundBeforeAnUpdate(backend));
        assertEquals("R50", titleOf(find(backend)), "the update landed");
    }

    @Test
    void thePlainBackendsAnswerIsChangedByALaterUpdate() {
        // why SnapshotMemoryBackend exists: the answer is the stored document, updated in place
        assertEquals("R50", titleFoundBeforeAnUpdate(new MemoryBackend()));
    }

    private static String titleFoundBeforeAnUpdate(MemoryBackend backend) {
        backend.handleCommand(new EmbeddedChannel(), "db", "insert", new Document("insert", "conversations")
                .append("documents", List.of(new Document("_id", 1).append("title", "T3"))));
        Document answer = find(backend);
        backend.handleCommand(new EmbeddedChannel(), "db", "findAndModify", new Document("findAndModify",
                "conversations").append("query", new Document("_id", 1))
                .append("update", new Document("$set", new Document("title", "R50"))));
        return titleOf(answer);
    }

    private static Document find(MemoryBackend backend) {
        return backend.handleCommand(new EmbeddedChannel(), "db", "find",
                new Document("find", "conversations").append("filter", new Document("_id", 1)));
    }

    @SuppressWarnings("unchecked")
    private static String titleOf(Document findAnswer) {
        return (String) ((List<Document>) ((Document) findAnswer.get("cursor")).get("firstBatch")).get(0).get("title");
    }
}
