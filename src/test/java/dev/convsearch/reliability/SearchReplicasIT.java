package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.support.PackagedService;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * Two replicas of the packaged service on one MongoDB (a MongoDB-wire server), each with its own search index: what
 * one writes (events, a title, a delete) the other's index takes in within a few seconds, and a replica restarted on
 * its index catches up with what was written while it was down.
 */
class SearchReplicasIT {

    private static final String KEY = "cs_replicas_test_key";
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachReplicasIndexFollowsWhatTheOtherWrites(@TempDir Path indexes) throws Exception {
        MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
        String connection = mongo.bindAndGetConnectionString();
        try (PackagedService a = replica(connection, indexes.resolve("a"))) {
            PackagedService b = replica(connection, indexes.resolve("b"));
            try {
                send(a, "POST", "/api/conversations", "{\"conversation_id\": \"rep-1\", \"title\": \"Replica alpha\"}",
                        201);
                send(a, "POST", "/api/conversations/rep-1/events", event("e1", "the walrus ate the build"), 200);
                long seen = awaitFound(b, "walrus", List.of("rep-1"));
                awaitFound(b, "alpha", List.of("rep-1"));
                send(a, "PATCH", "/api/conversations/rep-1", "{\"title\": \"Replica beta\"}", 200);
                awaitFound(b, "beta", List.of("rep-1"));
                awaitFound(b, "alpha", List.of());
                send(a, "DELETE", "/api/conversations/rep-1", null, 204);
                assertEquals(List.of(), ids(b, "walrus"), "a deleted conversation is never shown");
                send(a, "POST", "/api/conversations", "{\"conversation_id\": \"rep-1\", \"title\": \"Again\"}", 201);
                awaitFound(b, "again", List.of("rep-1"));
                awaitFound(b, "walrus", List.of());

                b.kill();
                send(a, "POST", "/api/conversations/rep-1/events", event("e2", "the narwhal fixed it"), 200);
                b = replica(connection, indexes.resolve("b"));
                assertEquals(List.of("rep-1"), ids(b, "narwhal"), "caught up at the restart, before it was ready");
                System.out.printf("replicas: another replica's event found after %d ms%n", seen);
            } finally {
                b.kill();
            }
        } finally {
            mongo.shutdownNow();
        }
    }

    /** Searches {@code q} on {@code replica} until it finds {@code expected}; how long that took. */
    private long awaitFound(PackagedService replica, String q, List<String> expected) throws Exception {
        long start = System.nanoTime();
        while (!ids(replica, q).equals(expected)) {
            assertTrue(System.nanoTime() - start < FEW_SECONDS.toNanos(),
                    "q=" + q + " did not find " + expected + " within " + FEW_SECONDS);
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private List<String> ids(PackagedService replica, String q) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(replica.base()
                + "/api/conversations?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("X-Session-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : JSON.readTree(response.body()).get("results")) {
            ids.add(item.get("conversation_id").asText());
        }
        return ids;
    }

    private void send(PackagedService replica, String method, String path, String json, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.base() + path))
                .header("X-Session-API-Key", KEY).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
    }

    private static String event(String id, String text) {
        return "{\"id\": \"" + id + "\", \"kind\": \"MessageEvent\", \"source\": \"user\", \"llm_message\": "
                + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"" + text + "\"}]}}";
    }

    private static PackagedService replica(String connection, Path index) throws Exception {
        return PackagedService.start(Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", connection,
                "CONVSEARCH_AUTH_STATIC_KEYS", "replicas:" + ApiKeys.sha256Hex(KEY),
                "CONVSEARCH_SEARCH_INDEX_DIR", index.toString(),
                "CONVSEARCH_RATE_LIMIT_ENABLED", "false",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"))
                .awaitReady(Duration.ofSeconds(60));
    }
}
