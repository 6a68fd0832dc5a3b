package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.convsearch.security.ApiKeys;

/**
 * SIGTERM to the packaged service while a request is in flight: readiness turns DOWN at once, requests are still
 * served during the shutdown delay, the in-flight request completes, and the process exits within Kubernetes' 30 s
 * (and Cloud Run's 10 s) grace period. Runs the jar of target/quarkus-app as a real process.
 */
class GracefulShutdownIT {

    private static final String KEY = "cs_graceful_shutdown_key";
    private static final int SLOW_LINES = 50;
    private static final long MILLIS_PER_LINE = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void inFlightRequestsCompleteAfterSigterm() throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String connectionString = mongo.bindAndGetConnectionString();
        int port = freePort();
        Path log = Files.createTempFile("convsearch-shutdown", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "quarkus-run.jar")
                .directory(Path.of("target", "quarkus-app").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MONGODB_CONNECTION_STRING", connectionString);
        builder.environment().put("CONVSEARCH_AUTH_STATIC_KEYS", "shutdown:" + ApiKeys.sha256Hex(KEY));
        Process service = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitStatus(base + "/q/health/ready", 200, 60_000);

            CompletableFuture<HttpResponse<String>> slowImport = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/api/conversations/import"))
                    .header("X-Session-API-Key", KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(SlowLines::new))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);

            long sigterm = System.nanoTime();
            service.destroy();
            // the signal reaches the JVM's shutdown hook within milliseconds, well inside the 3 s delay
            int readyAfterSigterm = get(base + "/q/health/ready");
            for (int i = 0; i < 20 && readyAfterSigterm != 503; i++) {
                Thread.sleep(25);
                readyAfterSigterm = get(base + "/q/health/ready");
            }
            int searchDuringDelay = get(base + "/api/conversations");
            HttpResponse<String> imported = slowImport.get(30, TimeUnit.SECONDS);
            long importDoneMillis = (System.nanoTime() - sigterm) / 1_000_000;
            boolean exited = service.waitFor(30, TimeUnit.SECONDS);
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
            service.destroyForcibly();
            mongo.shutdownNow();
        }
    }

    /** An import body that arrives slowly: one metadata line every 100 ms. */
    static final class SlowLines extends InputStream {
        private int line;
        private byte[] current = new byte[0];
        private int position;

        @Override
        public int read() throws IOException {
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
            return current[position++];
        }
    }

    private int get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Session-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void awaitStatus(String url, int status, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try {
                if (get(url) == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(System.currentTimeMillis() < deadline, url + " never answered " + status);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
