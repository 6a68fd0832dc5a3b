package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.support.PackagedService;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * Several processes of the packaged service on one machine and one MongoDB: with the defaults, each takes a search index
 * folder of its own and becomes ready (they shared one folder in the temporary folder, and the second retried for
 * ever, unready); a folder named twice stops the second process at once, with one line naming the folder and the
 * setting.
 */
class SearchIndexFoldersIT {

    private static final String KEY = "cs_folders_test_key";

    @Test
    void twoProcessesWithTheDefaultsBothBecomeReadyAndAFolderNamedTwiceStopsTheSecond(@TempDir Path named)
            throws Exception {
        MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
        String connection = mongo.bindAndGetConnectionString();
        try (PackagedService first = service(connection, null);
                PackagedService second = service(connection, null)) {
            first.awaitReady(Duration.ofSeconds(60));
            second.awaitReady(Duration.ofSeconds(60));
            assertEquals(200, second.status("/api/conversations?q=anything", KEY));

            try (PackagedService owner = service(connection, named)) {
                owner.awaitReady(Duration.ofSeconds(60));
                try (PackagedService intruder = service(connection, named)) {
                    assertTrue(intruder.waitForExit(Duration.ofSeconds(30)), "the second process stops at once");
                    assertEquals(1, intruder.exitValue());
                    String log = intruder.log();
                    assertTrue(log.contains("another convsearch is using the search index in " + named
                            + "; stop it or set CONVSEARCH_SEARCH_INDEX_DIR"), log);
                    assertFalse(log.contains("retrying"), log);
                    assertEquals(1, log.lines().filter(line -> line.contains("another convsearch")).count(), log);
                }
                assertEquals(200, owner.status("/q/health/ready", null), "the first process goes on");
            }
        } finally {
            mongo.shutdownNow();
        }
    }

    /** The packaged service on {@code connection}, with the search index folder {@code index} when not null. */
    private static PackagedService service(String connection, Path index) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", connection,
                "CONVSEARCH_AUTH_STATIC_KEYS", "folders:" + ApiKeys.sha256Hex(KEY),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        if (index != null) {
            env.put("CONVSEARCH_SEARCH_INDEX_DIR", index.toString());
        }
        return PackagedService.start(env);
    }
}
