package dev.convsearch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.convsearch.domain.SortOrder;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Writers create, patch and delete while readers page through every sort order, for a fixed time. No 5xx; no id twice
 * within a walk; every conversation that existed before a walk and was not touched during the run is seen exactly once
 * by that walk; and afterwards every acknowledged write is there (nothing lost).
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ConcurrentWritersTest {

    private static final TestUsers USER = TestUsers.VICTOR;
    private static final int SEEDED = 60;
    private static final int WRITERS = 2;
    private static final long RUN_MILLIS = Long.getLong("convsearch.concurrency.millis", 8000);

    @Test
    void readersSeeAConsistentViewAndNoAcknowledgedWriteIsLost() throws Exception {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            String id = String.format("seed-%03d", i);
            USER.request().body(Map.of("conversation_id", id, "created_at", "2025-01-01T00:00:" + (i % 6) + "0Z",
                    "last_updated_at", "2025-02-01T00:00:0" + (i % 4) + "Z")).post("/api/conversations")
                    .then().statusCode(201);
            seeded.add(id);
        }
        Set<String> touched = ConcurrentHashMap.newKeySet();
        Map<String, String> acknowledgedTitles = new ConcurrentHashMap<>();
        Set<String> acknowledgedDeletes = ConcurrentHashMap.newKeySet();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long end = System.currentTimeMillis() + RUN_MILLIS;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + SortOrder.values().length);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            // each writer owns half of the seeded ids and its own new ones, so per id the last write is known
            List<String> mine = new ArrayList<>();
            for (int i = w; i < SEEDED; i += WRITERS) {
                mine.add(seeded.get(i));
            }
            int writer = w;
            writers.add(pool.submit(() -> write(writer, mine, end, touched, acknowledgedTitles, acknowledgedDeletes,
                    serverErrors, requests)));
        }
        List<Future<Integer>> readers = new ArrayList<>();
        for (SortOrder order : SortOrder.values()) {
            readers.add(pool.submit(() -> read(order, seeded, end, touched, serverErrors, requests)));
        }
        int walks = 0;
        for (Future<Integer> reader : readers) {
            walks += reader.get(RUN_MILLIS * 4, TimeUnit.MILLISECONDS);
        }
        for (Future<?> writer : writers) {
            writer.get(RUN_MILLIS * 4, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();

        int lost = 0;
        for (Map.Entry<String, String> write : acknowledgedTitles.entrySet()) {
            Response read = USER.request().get("/api/conversations/" + write.getKey());
            if (read.statusCode() != 200 || !write.getValue().equals(read.jsonPath().getString("title"))) {
                lost++;
            }
        }
        for (String deleted : acknowledgedDeletes) {
            if (USER.request().get("/api/conversations/" + deleted).statusCode() != 404) {
                lost++;
            }
        }
        System.out.printf("concurrency: %d requests in %d ms, %d complete walks, %d acknowledged writes, "
                + "%d 5xx, %d lost writes%n", requests.get(), RUN_MILLIS, walks,
                acknowledgedTitles.size() + acknowledgedDeletes.size(), serverErrors.get(), lost);
        assertEquals(0, serverErrors.get(), "5xx answers");
        assertEquals(0, lost, "acknowledged writes not readable afterwards");
        assertTrue(walks >= SortOrder.values().length, "every order was walked at least once");
    }

    private static void write(int writer, List<String> mine, long end, Set<String> touched,
            Map<String, String> titles, Set<String> deletes, AtomicInteger serverErrors, AtomicInteger requests) {
        Random random = new Random(writer);
        List<String> live = new ArrayList<>(mine);
        int created = 0;
        while (System.currentTimeMillis() < end) {
            int roll = random.nextInt(10);
            Response response;
            if (roll < 4 || live.isEmpty()) {
                String id = "w" + writer + "-" + created++;
                String title = "Created " + id;
                response = USER.request().body(Map.of("conversation_id", id, "title", title))
                        .post("/api/conversations");
                if (response.statusCode() == 201) {
                    titles.put(id, title);
                    live.add(id);
                }
            } else if (roll < 8) {
                String id = live.get(random.nextInt(live.size()));
                String title = "Patched " + random.nextInt(1_000_000);
                touched.add(id);
                response = USER.request().body(Map.of("title", title)).patch("/api/conversations/" + id);
                if (response.statusCode() == 200) {
                    titles.put(id, title);
                }
            } else {
                String id = live.remove(random.nextInt(live.size()));
                touched.add(id);
                response = USER.request().delete("/api/conversations/" + id);
                if (response.statusCode() == 204) {
                    titles.remove(id);
                    deletes.add(id);
                }
            }
            requests.incrementAndGet();
            if (response.statusCode() >= 500) {
                serverErrors.incrementAndGet();
            }
        }
    }

    /** Walks the order again and again; returns how many walks completed, each checked. */
    private static int read(SortOrder order, List<String> seeded, long end, Set<String> touched,
            AtomicInteger serverErrors, AtomicInteger requests) {
        int walks = 0;
        while (System.currentTimeMillis() < end || walks == 0) {
            Set<String> untouchedAtStart = new HashSet<>(seeded);
            untouchedAtStart.removeAll(touched);
            List<String> seen = new ArrayList<>();
            String pageId = null;
            do {
                Map<String, Object> query = new HashMap<>(Map.of("sort_order", order.name(), "limit", 5));
                if (pageId != null) {
                    query.put("page_id", pageId);
                }
                Response response = USER.request().queryParams(query).get("/api/conversations");
                requests.incrementAndGet();
                if (response.statusCode() >= 500) {
                    serverErrors.incrementAndGet();
                    return walks;
                }
                assertEquals(200, response.statusCode(), response.asString());
                JsonPath page = response.jsonPath();
                seen.addAll(page.getList("results.conversation_id"));
                pageId = page.getString("next_page_id");
            } while (pageId != null);
            assertEquals(seen.size(), new HashSet<>(seen).size(), order + ": an id twice within one walk");
            untouchedAtStart.removeAll(touched);
            for (String id : untouchedAtStart) {
                assertEquals(1, Collections.frequency(seen, id), order + ": " + id + " not seen exactly once");
            }
            walks++;
        }
        return walks;
    }
}
