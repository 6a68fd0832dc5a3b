package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;

/** The embedded database's answers are what the command found, whatever a write does before they are sent. */
class DurableH2BackendTest {

    @Test
    void aFindsAnswerIsNotChangedByAWriteThatFollowsIt() {
        DurableH2Backend backend = new DurableH2Backend(new MVStore.Builder().autoCommitDisabled().open());
        EmbeddedChannel channel = new EmbeddedChannel();
        backend.handleCommand(channel, "db", "insert", new Document("insert", "conversations")
                .append("documents", List.of(new Document("_id", 1).append("title", "T3"))));

        Document answer = backend.handleCommand(channel, "db", "find",
                new Document("find", "conversations").append("filter", new Document("_id", 1)));
        backend.handleCommand(channel, "db", "update", new Document("update", "conversations").append("updates",
                List.of(new Document("q", new Document("_id", 1))
                        .append("u", new Document("$set", new Document("title", "R50"))))));

        Document found = ((List<Document>) ((Document) answer.get("cursor")).get("firstBatch")).get(0);
        assertEquals("T3", found.get("title"), "the answer as the find made it");
        Document again = backend.handleCommand(channel, "db", "find",
                new Document("find", "conversations").append("filter", new Document("_id", 1)));
        assertEquals("R50", ((List<Document>) ((Document) again.get("cursor")).get("firstBatch")).get(0).get("title"));
        backend.close();
    }
}
