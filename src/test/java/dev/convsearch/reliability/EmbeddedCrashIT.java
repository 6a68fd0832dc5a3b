package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.support.PackagedService;

/**
 * {@code kill -9} of the packaged service on its embedded default database: after a restart every acknowledged create,
 * patch, delete and import line is there, and a write that was never answered is either wholly there or not at all;
 * every acknowledged event of a conversation still there is found by a search of its words (the search index is
 * caught up from MongoDB at the restart).
 * The service is killed once straight after a known sequence of writes, then at random points of a stream of
 * concurrent writes, round after round. Set -Dcrash.rounds and -Dcrash.seed to change the run.
 */
class EmbeddedCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int IMPORT_LINES = 40;
    /** Between imports, so that the collection, walked after every round, stays small enough to walk fast. */
    private static final long IMPORT_PAUSE_MILLIS = 100;
    /** How many of the acknowledged events each round looks for (each is one search). */
    private static final int EVENTS_CHECKED_A_ROUND = 25;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What each conversation may look like after a restart: the acknowledged state, plus any unanswered write. */
    private final Map<String, Set<Expected>> model = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    /** The acknowledged events, by the one word each holds: the conversation it belongs to. */
    private final Map<String, String> events = new ConcurrentHashMap<>();
    private final AtomicInteger eventsFound = new AtomicInteger();

    /** One possible state of a conversation: its title and repository, or absent. */
    record Expected(boolean present, String title, String repository) {
        static final Expected ABSENT = new Expected(false, null, null);
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillRightAfterIt(@TempDir Path data) throws Exception {
        String key;
        try (PackagedService service = embedded(data)) {
            key = localKey(data);
            for (int i = 0; i < 60; i++) {
                create(service, key, "seq-" + i, "Created " + i);
            }
            for (int i = 0; i < 20; i++) {
                patch(service, key, "seq-" + i, "Patched " + i);
            }
            for (int i = 40; i < 50; i++) {
                delete(service, key, "seq-" + i);
            }
            importLines(service, key, "seq-import");
            for (int i = 0; i < 30; i++) {
                event(service, key, "seq-" + i, "seq" + i);
            }
            service.kill();
        }
        try (PackagedService restarted = embedded(data)) {
            int checked = verify(restarted, key);
            int found = verifyEvents(restarted, key, Integer.MAX_VALUE);
            System.out.printf("crash: kill -9 right after %d acknowledged writes; after the restart %d conversations "
                    + "checked, 0 lost; %d acknowledged events found by their words%n", acknowledged.get(), checked,
                    found);
            assertEquals(60 - 10 + IMPORT_LINES, checked);
            assertEquals(30, found);
        }
    }

    @Test
    void killsAtRandomPointsOfConcurrentWritesLoseNothing(@TempDir Path data) throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 12);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        PackagedService service = embedded(data);
        String key = localKey(data);
        int checked = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                writeUntilKilled(service, key, round, random);
                service = embedded(data);
                checked = verify(service, key);
                verifyEvents(service, key, EVENTS_CHECKED_A_ROUND);
            }
        } finally {
            service.kill();
        }
        System.out.printf("crash: %d rounds (seed %d), kill -9 at random points of 4 concurrent writers; %d acknowledged "
                + "writes, 0 lost, 0 half-applied; %d conversations at the end; %d acknowledged events found by their "
                + "words after a restart, 0 missing%n", rounds, seed, acknowledged.get(), checked, eventsFound.get());
        // about 75 a round on the 2-core build machine, 4 a round when other builds shared its cores
        assertTrue(acknowledged.get() > rounds * 3, "the writers got writes acknowledged: " + acknowledged.get());
    }

    /**
     * Four writers (creates and patches, deletes of earlier rounds' conversations, imports, events of this round's
     * conversations) until a kill -9 between 0.3 and 1.5 s in.
     */
    private void writeUntilKilled(PackagedService service, String key, int round, Random random) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        long killAfter = 300 + random.nextInt(1200);
        long writerSeed = random.nextLong();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        String thisRound = "r" + round + "-";
        running.add(writers.submit(() -> {
            Random r = new Random(writerSeed);
            for (int i = 0; !killed.get(); i++) {
                String id = thisRound + "c" + i;
                create(service, key, id, "Created " + id);
                if (r.nextInt(3) == 0) {
                    patch(service, key, id, "Patched " + id);
                }
            }
            return null;
        }));
        running.add(writers.submit(() -> {
            // deletes conversations of earlier rounds only: this round's are still being patched
            Random r = new Random(writerSeed + 1);
            while (!killed.get()) {
                List<String> present = model.entrySet().stream()
                        .filter(e -> !e.getKey().startsWith(thisRound))
                        .filter(e -> e.getValue().stream().allMatch(Expected::present))
                        .map(Map.Entry::getKey).toList();
                if (present.isEmpty()) {
                    Thread.sleep(10);
                } else {
                    delete(service, key, present.get(r.nextInt(present.size())));
                }
            }
            return null;
        }));
        running.add(writers.submit(() -> {
            for (int i = 0; !killed.get(); i++) {
                importLines(service, key, thisRound + "i" + i);
                Thread.sleep(IMPORT_PAUSE_MILLIS);
            }
            return null;
        }));
        running.add(writers.submit(() -> {
            // events of this round's acknowledged conversations, which no writer deletes this round
            for (int i = 0; !killed.get(); i++) {
                String conversation = thisRound + "c" + (i / 3);
                Set<Expected> states = model.get(conversation);
                if (states == null || !states.stream().allMatch(Expected::present)) {
                    Thread.sleep(5);
                    i--;
                    continue;
                }
                event(service, key, conversation, "r" + round + "e" + i);
            }
            return null;
        }));
        Thread.sleep(killAfter);
        service.kill();
        killed.set(true);
        // longer than a request's own timeout (30 s): a request cut by the kill may end only with it
        for (Future<?> writer : running) {
            writer.get(45, TimeUnit.SECONDS);
        }
        writers.shutdown();
    }

    /** An event of the conversation holding one word, {@code word}: acknowledged, it must be found by it. */
    private void event(PackagedService service, String key, String conversationId, String word)
            throws InterruptedException {
        String body = "{\"id\": \"" + word + "\", \"kind\": \"MessageEvent\", \"source\": \"user\", "
                + "\"llm_message\": {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": "
                + "\"the crash test says " + word + "\"}]}}";
        Integer status = attempt(() -> send(service, key, "POST", "/api/conversations/" + conversationId + "/events",
                "application/json", body));
        if (status != null) {
            assertEquals(200, status, "event " + word + " answered");
            events.put(word, conversationId);
        }
    }

    /**
     * Searches for (at most {@code atMost} of) the acknowledged events' words: each finds its conversation, unless
     * that was deleted since. Returns how many were found.
     */
    private int verifyEvents(PackagedService service, String key, int atMost) throws Exception {
        int found = 0;
        for (Map.Entry<String, String> event : List.copyOf(events.entrySet()).subList(0,
                Math.min(atMost, events.size()))) {
            Set<Expected> states = model.get(event.getValue());
            JsonNode page = JSON.readTree(sendForBody(service, key, "/api/conversations?q=" + event.getKey()));
            List<String> ids = new ArrayList<>();
            page.get("results").forEach(item -> ids.add(item.get("conversation_id").asText()));
            if (states == null || states.stream().noneMatch(Expected::present)) {
                assertEquals(List.of(), ids, "the event " + event.getKey() + " of a deleted conversation");
                events.remove(event.getKey());
            } else {
                assertEquals(List.of(event.getValue()), ids, "the acknowledged event " + event.getKey());
                found++;
            }
        }
        eventsFound.addAndGet(found);
        return found;
    }

    private void create(PackagedService service, String key, String id, String title) throws InterruptedException {
        write(id, new Expected(true, title, "acme/crash"), () -> send(service, key, "POST", "/api/conversations",
                "application/json", JSON.writeValueAsString(Map.of("conversation_id", id, "title", title,
                        "selected_repository", "acme/crash"))),
                201);
    }

    private void patch(PackagedService service, String key, String id, String title) throws InterruptedException {
        write(id, new Expected(true, title, "acme/crash"), () -> send(service, key, "PATCH", "/api/conversations/" + id,
                "application/json", JSON.writeValueAsString(Map.of("title", title))), 200);
    }

    private void delete(PackagedService service, String key, String id) throws InterruptedException {
        write(id, Expected.ABSENT, () -> send(service, key, "DELETE", "/api/conversations/" + id, null, null), 204);
    }

    /** One request of {@link #IMPORT_LINES} lines; every line lands with all its fields, or (unanswered) maybe none. */
    private void importLines(PackagedService service, String key, String prefix) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        Map<String, Expected> lines = new HashMap<>();
        for (int i = 0; i < IMPORT_LINES; i++) {
            String id = prefix + "-" + i;
            Expected line = new Expected(true, "Imported " + id, "acme/import-" + (i % 3));
            lines.put(id, line);
            body.append(String.format("{\"conversation_id\":\"%s\",\"title\":\"%s\",\"selected_repository\":\"%s\","
                    + "\"llm_model\":\"ignored\"}%n", id, line.title(), line.repository()));
        }
        lines.forEach((id, line) -> possible(id, line));
        Integer status = attempt(() -> send(service, key, "POST", "/api/conversations/import", "application/x-ndjson",
                body.toString()));
        if (status != null) {
            assertEquals(200, status, "import answered");
            lines.forEach(this::acknowledge);
        }
    }

    /** Sends one write: when answered it must be {@code success} and becomes the only state; else it may have landed. */
    private void write(String id, Expected after, Request request, int success) throws InterruptedException {
        possible(id, after);
        Integer status = attempt(request);
        if (status != null) {
            assertEquals(success, status, "write of " + id + " answered");
            acknowledge(id, after);
        }
    }

    /** {@code state} may be the outcome of a write under way (a new id may also stay absent). */
    private void possible(String id, Expected state) {
        model.computeIfAbsent(id, k -> only(Expected.ABSENT)).add(state);
    }

    private void acknowledge(String id, Expected state) {
        model.put(id, only(state));
        acknowledged.incrementAndGet();
    }

    private static Set<Expected> only(Expected state) {
        Set<Expected> states = ConcurrentHashMap.newKeySet();
        states.add(state);
        return states;
    }

    /** The status of the request, or null when it got no answer (the service was killed under it). */
    private static Integer attempt(Request request) throws InterruptedException {
        try {
            return request.send();
        } catch (IOException noAnswer) {
            return null;
        }
    }

    /**
     * Reads every conversation of the user and checks each against the model: present ones in one of their allowed
     * states with every field, absent ones allowed to be absent, nothing the writers never wrote. Then the model holds
     * exactly what is there. Returns how many are there.
     */
    private int verify(PackagedService service, String key) throws Exception {
        Map<String, Expected> found = new HashMap<>();
        String pageId = null;
        do {
            String path = "/api/conversations?limit=100" + (pageId == null ? "" : "&page_id=" + pageId);
            JsonNode page = JSON.readTree(sendForBody(service, key, path));
            for (JsonNode item : page.get("results")) {
                found.put(item.get("conversation_id").asText(), new Expected(true, item.get("title").asText(),
                        item.get("selected_repository").asText()));
            }
            pageId = page.get("next_page_id").isNull() ? null : page.get("next_page_id").asText();
        } while (pageId != null);
        Set<String> ids = new HashSet<>(model.keySet());
        ids.addAll(found.keySet());
        for (String id : ids) {
            Expected state = found.getOrDefault(id, Expected.ABSENT);
            Set<Expected> allowed = model.get(id);
            assertTrue(allowed != null && allowed.contains(state),
                    id + " is " + state + " after the restart; allowed: " + allowed);
            if (state.present()) {
                model.put(id, only(state));
            } else {
                model.remove(id);
            }
        }
        return found.size();
    }

    private static PackagedService embedded(Path data) throws Exception {
        return PackagedService.start(Map.of("CONVSEARCH_EMBEDDED_DATA_DIR", data.toString(),
                "CONVSEARCH_RATE_LIMIT_ENABLED", "false", "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"))
                .awaitReady(START_TIMEOUT);
    }

    private static String localKey(Path data) throws IOException {
        return Files.readString(data.resolve("local-api-key")).strip();
    }

    private int send(PackagedService service, String key, String method, String path, String type, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base() + path))
                .timeout(Duration.ofSeconds(30)).header("X-Session-API-Key", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String sendForBody(PackagedService service, String key, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("X-Session-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** A request that either gets a status or throws because nobody answered. */
    @FunctionalInterface
    private interface Request {
        int send() throws IOException, InterruptedException;
    }
}
