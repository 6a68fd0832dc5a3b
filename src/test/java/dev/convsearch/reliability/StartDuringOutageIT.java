package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.support.PackagedService;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * The packaged service started while MongoDB is down, MongoDB brought up at a random moment: the service is live at
 * once and ready within {@value #BOUND_SECONDS} s of MongoDB answering, every round. {@code ./mvnw verify} runs 2 rounds;
 * {@code -Doutage.rounds=20} runs the twenty (about 4 minutes; BENCHMARKS.md has the run).
 */
class StartDuringOutageIT {

    private static final int BOUND_SECONDS = 20;
    private static final String KEY = "cs_outage_test_key";

    @Test
    void readyWithinTwentySecondsOfMongoDbAnsweringEveryRound(@TempDir Path indexes) throws Exception {
        int rounds = Integer.getInteger("outage.rounds", 2);
        long seed = Long.getLong("outage.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Long> readyAfter = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path index = Files.createDirectory(indexes.resolve("round-" + round));
            long downFor = 1_000 + random.nextInt(12_000);
            MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
            try (PackagedService service = PackagedService.start(Map.of(
                    "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + port,
                    "CONVSEARCH_AUTH_STATIC_KEYS", "outage:" + ApiKeys.sha256Hex(KEY),
                    "CONVSEARCH_SEARCH_INDEX_DIR", index.toString(),
                    "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"))) {
                Thread.sleep(downFor);
                mongo.bind("127.0.0.1", port);
                long up = System.nanoTime();
                service.awaitReady(Duration.ofSeconds(BOUND_SECONDS));
                long after = (System.nanoTime() - up) / 1_000_000;
                readyAfter.add(after);
                assertEquals(200, service.status("/api/conversations", KEY));
                assertTrue(after <= BOUND_SECONDS * 1000L, "round " + round + ": ready " + after + " ms after");
            } finally {
                mongo.shutdownNow();
            }
        }
        System.out.printf("start during an outage: %d rounds (seed %d, repeat with -Doutage.seed=%d), ready after "
                + "MongoDB answered (ms): %s%n", rounds, seed, seed, readyAfter);
    }
}
