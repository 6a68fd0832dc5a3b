package dev.convsearch.embedded;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.convsearch.support.PackagedService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged jar on its embedded database, stopped and started again: after a clean stop the search index is taken
 * as it is (no read of the database, which only this process writes), however long ago; after a kill -9 it is caught
 * up from MongoDB.
 * Either way every acknowledged event is found.
 */
class SearchIndexRestartIT {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void aCleanStopNeedsNoCatchUpAndAKillGetsOne(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("CONVSEARCH_EMBEDDED_DATA_DIR", data.toString(),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        try (PackagedService first = PackagedService.start(env).awaitReady(START)) {
            String key = Files.readString(data.resolve("local-api-key")).strip();
            request(first, key).body(Map.of("conversation_id", "r1", "title", "Restart drill"))
                    .post("/api/conversations").then().statusCode(201);
            keepEvent(first, key, "e1", "the wombat escaped");
            first.terminate();
            assertTrue(first.waitForExit(Duration.ofSeconds(30)), first.log());
        }
        // as if it had been stopped for longer than MongoDB keeps deletions: closed cleanly, it needs nothing anyway
        completedDaysAgo(data.resolve("search-index"), 8);
        try (PackagedService second = PackagedService.start(env).awaitReady(START)) {
            String key = Files.readString(data.resolve("local-api-key")).strip();
            assertTrue(second.log().contains("Search index caught up with MongoDB (closed cleanly: nothing to read)"),
                    second.log());
            assertFound(second, key, "wombat");
            keepEvent(second, key, "e2", "the quokka stayed");
            second.kill();
        }
        try (PackagedService third = PackagedService.start(env).awaitReady(START)) {
            String key = Files.readString(data.resolve("local-api-key")).strip();
            assertTrue(third.log().contains("Search index caught up with MongoDB (from its last commit)"), third.log());
            assertFound(third, key, "wombat");
            assertFound(third, key, "quokka");
        }
    }

    /** Rewrites the index's last commit as if it had been complete {@code days} days ago. */
    private static void completedDaysAgo(Path index, int days) throws IOException {
        try (FSDirectory directory = FSDirectory.open(index);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Map<String, String> data = new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
            assertEquals("true", data.get("closed_cleanly"), data.toString());
            data.put("complete", Long.toString(Instant.now().minus(Duration.ofDays(days)).toEpochMilli()));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }

    private static void keepEvent(PackagedService service, String key, String id, String text) {
        request(service, key).body(Map.of("id", id, "kind", "MessageEvent", "source", "user", "llm_message",
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", text)))))
                .post("/api/conversations/r1/events").then().statusCode(200).body("indexed", equalTo(1));
    }

    private static void assertFound(PackagedService service, String key, String word) {
        request(service, key).queryParam("q", word).get("/api/conversations").then().statusCode(200)
                .body("results.conversation_id", equalTo(List.of("r1")));
    }

    private static RequestSpecification request(PackagedService service, String key) {
        return given().baseUri(service.base()).header("X-Session-API-Key", key).contentType(ContentType.JSON);
    }
}
