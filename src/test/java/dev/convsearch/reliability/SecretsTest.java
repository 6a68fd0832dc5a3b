package dev.convsearch.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.convsearch.repository.ApiKeyDocument;
import dev.convsearch.repository.ApiKeyRepository;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** API keys and session_api_key values never reach the logs, and only hashes of keys are stored. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class SecretsTest {

    private static final TestUsers USER = TestUsers.TRENT;

    @Inject
    ApiKeyRepository keys;

    /** Keeps every log record of the application, formatted as a handler would write it. */
    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void keysAndSessionKeysNeverReachTheLogsAndOnlyHashesAreStored() {
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        // the layers that see keys and bodies, at DEBUG for the test: a leak at any level counts
        List<Logger> verbose = List.of("dev.convsearch", "io.quarkus.security", "io.quarkus.vertx.http",
                "io.quarkus.resteasy.reactive", "org.jboss.resteasy.reactive").stream().map(Logger::getLogger).toList();
        List<Level> levels = verbose.stream().map(Logger::getLevel).toList();
        verbose.forEach(logger -> logger.setLevel(Level.FINE));
        List<String> secrets = new ArrayList<>();
        try {
            secrets.add(USER.key());
            String session = "sk-session-SECRET-4242";
            secrets.add(session);
            USER.request().body(Map.of("conversation_id", "s-1", "session_api_key", session))
                    .post("/api/conversations").then().statusCode(201);
            String patched = "sk-session-PATCHED-777";
            secrets.add(patched);
            USER.request().body(Map.of("session_api_key", patched)).patch("/api/conversations/s-1")
                    .then().statusCode(200);
            String imported = "sk-session-IMPORTED-888";
            secrets.add(imported);
            USER.request().contentType("application/x-ndjson")
                    .body(("{\"conversation_id\": \"s-2\", \"session_api_key\": \"" + imported + "\"}\n{broken "
                            + imported + "\n").getBytes(StandardCharsets.UTF_8))
                    .post("/api/conversations/import").then().statusCode(200);
            USER.request().body(Map.of("session_api_key", 12345, "title", patched)).patch("/api/conversations/s-1")
                    .then().statusCode(422);

            String created = USER.request().body(Map.of("name", "logged?")).post("/api/keys")
                    .then().statusCode(201).extract().jsonPath().getString("key");
            secrets.add(created);
            String id = given().header("X-Session-API-Key", created).get("/api/keys").then().statusCode(200)
                    .extract().jsonPath().getString("[0].id");
            USER.request().delete("/api/keys/" + id).then().statusCode(204);
            given().header("X-Session-API-Key", created).get("/api/conversations").then().statusCode(401);
            String wrong = "cs_wrong-key-that-must-not-be-logged";
            secrets.add(wrong);
            given().header("X-Session-API-Key", wrong).get("/api/conversations").then().statusCode(401);
            given().header("Authorization", "Bearer " + wrong).get("/api/conversations").then().statusCode(401);

            ApiKeyDocument stored = keys.listByUser(USER.id()).await().indefinitely().stream()
                    .filter(doc -> doc.keyHash.equals(ApiKeys.sha256Hex(created))).findFirst().orElse(null);
            assertEquals(null, stored, "revoked: gone from the collection");
            String live = USER.request().body(Map.of("name", "stored")).post("/api/keys")
                    .then().statusCode(201).extract().jsonPath().getString("key");
            secrets.add(live);
            ApiKeyDocument doc = keys.listByUser(USER.id()).await().indefinitely().get(0);
            assertEquals(ApiKeys.sha256Hex(live), doc.keyHash);
            assertTrue(live.startsWith(doc.prefix) && doc.prefix.length() < 12, "only a short prefix is kept");
            assertFalse(doc.toString().contains(live));
        } finally {
            root.removeHandler(capture);
            for (int i = 0; i < verbose.size(); i++) {
                verbose.get(i).setLevel(levels.get(i));
            }
        }

        long leaks = capture.lines.stream().filter(line -> secrets.stream().anyMatch(line::contains)).count();
        System.out.printf("secrets: %d log records checked for %d secrets, %d leaks%n", capture.lines.size(),
                secrets.size(), leaks);
        assertTrue(capture.lines.size() > 0, "the check saw log records");
        assertEquals(0, leaks, String.join("\n", capture.lines));
    }
}
