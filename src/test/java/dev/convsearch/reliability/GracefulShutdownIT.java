package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.support.PackagedService;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * SIGTERM to the packaged service while a request is in flight: readiness turns DOWN at once, requests are still
 * served during the shutdown delay, the in-flight request completes, and the process exits within Kubernetes' 30 s
 * (and Cloud Run's 10 s) grace period. Runs the packaged jar as a real process.
 */
class GracefulShutdownIT {

    private static final String KEY = "cs_graceful_shutdown_key";
    private static final int SLOW_LINES = 50;
    private static final long MILLIS_PER_LINE = 100;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void inFlightRequestsCompleteAfterSigterm() throws Exception {
        MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
        String connectionString = mongo.bindAndGetConnectionString();
        try (PackagedService service = PackagedService.start(Map.of(
                "QUARKUS_MONGODB_CONNECTION_STRING", connectionString,
                "CONVSEARCH_AUTH_STATIC_KEYS", "shutdown:" + ApiKeys.sha256Hex(KEY)))) {
            service.awaitReady(Duration.ofSeconds(60));
            String base = service.base();

            CompletableFuture<HttpResponse<String>> slowImport = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/api/conversations/import"))
                    .header("X-Session-API-Key", KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(SlowLines::new))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);

            long sigterm = System.nanoTime();
            service.terminate();
            // the signal reaches the JVM's shutdown hook within milliseconds, well inside the 3 s delay
            int readyAfterSigterm = service.status("/q/health/ready", KEY);
            for (int i = 0; i < 20 && readyAfterSigterm != 503; i++) {
                Thread.sleep(25);
                readyAfterSigterm = service.status("/q/health/ready", KEY);
            }
            int searchDuringDelay = service.status("/api/conversations", KEY);
            HttpResponse<String> imported = slowImport.get(30, TimeUnit.SECONDS);
            long importDoneMillis = (System.nanoTime() - sigterm) / 1_000_000;
            boolean exited = service.waitForExit(Duration.ofSeconds(30));
            long exitMillis = (System.nanoTime() - sigterm) / 1_000_000;

            System.out.printf("shutdown: readiness %d right after SIGTERM, search %d during the delay, the in-flight "
                    + "import answered %d %d ms after SIGTERM, process exited %d ms after SIGTERM%n", readyAfterSigterm,
                    searchDuringDelay, imported.statusCode(), importDoneMillis, exitMillis);
            assertEquals(503, readyAfterSigterm, "readiness DOWN at once");
            assertEquals(200, searchDuringDelay, "still serving during the shutdown delay");
            assertEquals(200, imported.statusCode(), imported.body());
            assertTrue(imported.body().contains("\"created\":" + SLOW_LINES), imported.body());
            assertTrue(exited && exitMillis < 10_000, "exited within Cloud Run's 10 s: " + exitMillis + " ms");
        } finally {
            mongo.shutdownNow();
        }
    }

    /**
     * An import body that arrives slowly: one metadata line every 100 ms, each handed over as soon as it exists (a
     * client reading it gets one line per read, so the request is on the wire from the first line, as curl sends it).
     */
    static final class SlowLines extends InputStream {
        private int line;
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == current.length) {
                if (line == SLOW_LINES) {
                    return -1;
                }
                try {
                    Thread.sleep(MILLIS_PER_LINE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                current = ("{\"conversation_id\": \"slow-" + line++ + "\"}\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
