package dev.convsearch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live feed's benchmark (scripts/feed-bench.sh): {@code --conversations} OpenHands agent-servers at once, each
 * feeding one conversation as its {@code WebhookSubscriber} does: an info at start, then batches of {@code --batch}
 * events posted one after another (a batch waits for the answer to the one before), to the webhook or, for comparison,
 * to {@code POST /api/conversations/{id}/events}. Prints events/s and the latency of a batch. Each event's text holds a
 * word of its own, so that {@code --verify} can ask the service whether an acknowledged event is found (after a
 * {@code kill -9}, say).
 *
 * <pre>
 * FeedBenchmark --port=P --key=K [--route=webhook|events] [--conversations=16] [--batches=200] [--batch=5]
 *               [--seed=27] [--acknowledged=FILE] [--run-for-ms=N]
 * FeedBenchmark --port=P --key=K --verify=FILE [--sample=2000]
 * </pre>
 */
public final class FeedBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    private FeedBenchmark(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        FeedBenchmark bench = new FeedBenchmark(Integer.parseInt(args.get("port")), args.get("key"));
        if (args.containsKey("verify")) {
            bench.verify(Path.of(args.get("verify")), Integer.parseInt(args.getOrDefault("sample", "2000")));
            return;
        }
        bench.feed(args.getOrDefault("route", "webhook"), Integer.parseInt(args.getOrDefault("conversations", "16")),
                Integer.parseInt(args.getOrDefault("batches", "200")), Integer.parseInt(args.getOrDefault("batch", "5")),
                Long.parseLong(args.getOrDefault("seed", "27")), args.get("acknowledged"),
                Long.parseLong(args.getOrDefault("run-for-ms", "0")));
    }

    /** A word of letters only, its own for each event: the analyzer keeps it whole. */
    static String marker(int conversation, int event) {
        StringBuilder word = new StringBuilder("qz");
        for (long n = conversation * 1_000_000L + event; n > 0; n /= 26) {
            word.append((char) ('a' + n % 26));
        }
        return word.toString();
    }

    private void feed(String route, int conversations, int batches, int batchSize, long seed, String acknowledgedFile,
            long runForMs) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong events = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(conversations);
        String run = Long.toString(seed, 36) + route.charAt(0);
        long start = System.nanoTime();
        for (int c = 0; c < conversations; c++) {
            int conversation = c;
            new Thread(() -> {
                try {
                    agentServer(route, run, conversation, batches, batchSize, seed, latencies, acknowledged, events,
                            errors, stop);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        if (runForMs > 0) {
            // a crash run: the script kills the service meanwhile; the acknowledged events are written as they come
            Path file = Path.of(acknowledgedFile);
            long end = System.currentTimeMillis() + runForMs;
            while (done.getCount() > 0 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
                flush(acknowledged, file);
            }
            stop.set(true);
            done.await();
            flush(acknowledged, file);
            System.out.printf(Locale.ROOT, "crash run: %d events acknowledged, %d batches failed (the service was "
                    + "killed)%n", Files.lines(file).count(), errors.get());
            return;
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                route.equals("webhook") ? "POST /api/v1/webhooks/events/{id}" : "POST /api/conversations/{id}/events",
                conversations, batchSize, events.get(), seconds, events.get() / seconds, percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                errors.get());
        if (acknowledgedFile != null) {
            flush(acknowledged, Path.of(acknowledgedFile));
        }
    }

    /** One agent-server: the info, then the batches one after another; each acknowledged event's marker is kept. */
    private void agentServer(String route, String run, int conversation, int batches, int batchSize, long seed,
            List<Long> latencies, ConcurrentLinkedQueue<String> acknowledged, AtomicLong events, AtomicLong errors,
            AtomicBoolean stop) {
        UUID id = new UUID(seed * 1_000_003 + conversation, run.hashCode());
        String hex = id.toString().replace("-", "");
        EventTextGenerator text = new EventTextGenerator(seed * 31 + conversation);
        Random random = new Random(seed + conversation);
        try {
            if (route.equals("webhook")) {
                ObjectNode info = JSON.createObjectNode().put("id", id.toString()).put("title", text.title())
                        .put("execution_status", "running").put("updated_at", Instant.now().toString());
                info.putObject("agent").putObject("llm").put("model", "bench-model");
                post("/api/v1/webhooks/conversations", info.toString());
            } else {
                post("/api/conversations", JSON.createObjectNode().put("conversation_id", hex)
                        .put("title", text.title()).toString());
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String path = route.equals("webhook") ? "/api/v1/webhooks/events/" + hex
                : "/api/conversations/" + hex + "/events";
        int event = 0;
        for (int b = 0; b < batches && !stop.get(); b++) {
            ArrayNode batch = JSON.createArrayNode();
            List<String> markers = new ArrayList<>();
            for (int i = 0; i < batchSize; i++, event++) {
                String marker = marker(conversation, event);
                markers.add(hex + " " + marker);
                batch.add(event(run + "-" + conversation + "-" + event, random.nextInt(3),
                        text.text(200 + random.nextInt(600)) + " " + marker));
            }
            long sent = System.nanoTime();
            try {
                int status = post(path, batch.toString());
                if (status == 200) {
                    latencies.add(System.nanoTime() - sent);
                    events.addAndGet(batchSize);
                    acknowledged.addAll(markers);
                } else {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                if (stop.get()) {
                    return;
                }
                sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An SDK event of one of three kinds, as {@code model_dump(mode="json")} writes it. */
    private static ObjectNode event(String id, int kind, String text) {
        ObjectNode event = JSON.createObjectNode().put("id", id).put("timestamp", Instant.now().toString()
                .replace("Z", ""));
        switch (kind) {
            case 0 -> {
                event.put("kind", "MessageEvent").put("source", "user");
                event.putObject("llm_message").put("role", "user").putArray("content").addObject()
                        .put("type", "text").put("text", text);
            }
            case 1 -> {
                event.put("kind", "ActionEvent").put("source", "agent");
                event.putArray("thought").addObject().put("type", "text").put("text", "Let me look");
                event.putObject("action").put("kind", "TerminalAction").put("command", text);
            }
            default -> {
                event.put("kind", "ObservationEvent").put("source", "environment");
                event.putObject("observation").put("kind", "TerminalObservation").putArray("content").addObject()
                        .put("type", "text").put("text", text);
            }
        }
        return event;
    }

    /** Asks whether each acknowledged event (all of the last 500, and a sample of the others) is found. */
    private void verify(Path file, int sample) throws Exception {
        List<String> all = Files.readAllLines(file);
        List<String> checked = new ArrayList<>(all.subList(Math.max(0, all.size() - 500), all.size()));
        List<String> earlier = new ArrayList<>(all.subList(0, Math.max(0, all.size() - 500)));
        Collections.shuffle(earlier, new Random(1));
        checked.addAll(earlier.subList(0, Math.min(sample, earlier.size())));
        int missing = 0;
        for (String line : checked) {
            String[] conversationAndMarker = line.split(" ");
            HttpResponse<String> found = http.send(request("/api/conversations?limit=5&q=" + conversationAndMarker[1])
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() != 200 || !found.body().contains(conversationAndMarker[0])) {
                missing++;
                if (missing <= 5) {
                    System.out.println("not found: " + line + " -> " + found.statusCode());
                }
            }
        }
        System.out.printf(Locale.ROOT, "verified %d of %d acknowledged events (the last 500 and a sample): %d "
                + "missing%n", checked.size(), all.size(), missing);
        if (missing > 0) {
            System.exit(1);
        }
    }

    private int post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("X-Session-API-Key", "sandbox-key-of-the-bench");
    }

    private static void flush(ConcurrentLinkedQueue<String> acknowledged, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = acknowledged.poll(); line != null; line = acknowledged.poll()) {
            lines.add(line);
        }
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
