package dev.convsearch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write benchmark of scripts/write-bench.sh: against a running service, creates conversations for a fixed time at
 * each concurrency (each create answered 201 counts), then imports one NDJSON body of many lines, and prints creates
 * per second and import lines per second.
 */
public final class EmbeddedWrites {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    private EmbeddedWrites(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        EmbeddedWrites bench = new EmbeddedWrites(args.getOrDefault("base", "http://127.0.0.1:18091"), args.get("key"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
        for (String c : args.getOrDefault("concurrency", "1,16").split(",")) {
            bench.creates(Integer.parseInt(c.strip()), seconds);
        }
        bench.importLines(Integer.parseInt(args.getOrDefault("import-lines", "100000")));
        System.exit(0);
    }

    /** Creates for {@code seconds} with {@code concurrency} clients, each one create after another. */
    private void creates(int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String body = "{\"conversation_id\":\"w" + concurrency + "-" + client + "-" + i
                            + "\",\"title\":\"Write benchmark\",\"selected_repository\":\"acme/app\"}";
                    int status = send(HttpRequest.newBuilder(URI.create(base + "/api/conversations"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                    (status == 201 ? created : failed).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "creates, concurrency %d: %d in %.1f s = %.0f creates/s (%d failed)%n",
                concurrency, created.get(), elapsed, created.get() / elapsed, failed.get());
    }

    /** Imports {@code lines} OpenHands metadata lines in one request. */
    private void importLines(int lines) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append(String.format(Locale.ROOT, "{\"conversation_id\":\"imp-%d\",\"title\":\"Imported %d\","
                    + "\"selected_repository\":\"acme/repo-%d\",\"trigger\":\"gui\",\"created_at\":"
                    + "\"2025-01-01T00:%02d:00.123456+00:00\",\"llm_model\":\"m\",\"accumulated_cost\":0.5}\n", i, i,
                    i % 5, i % 60));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/conversations/import"))
                .header("X-Session-API-Key", key)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        double elapsed = (System.nanoTime() - start) / 1e9;
        String summary = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
        System.out.printf(Locale.ROOT, "import: %d lines (%d MB) in %.1f s = %.0f lines/s, status %d %s%n", lines,
                bytes.length >> 20, elapsed, lines / elapsed, response.statusCode(), summary);
    }

    private int send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-Session-API-Key", key).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
