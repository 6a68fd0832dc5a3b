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
    private static final long RUN_MILLIS = Long.getLong("concurrency.millis", 8000);
    private static final String SEED_TAG = "seed";
    private static final List<String> TAGS = List.of("ops", "nightly", "bot", "Review");

    /** The last acknowledged organising state of a conversation: its tags and whether it is archived. */
    record Organised(Set<String> tags, boolean archived) {
    }

    @Test
    void readersSeeAConsistentViewAndNoAcknowledgedWriteIsLost() throws Exception {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            String id = String.format("seed-%03d", i);
            USER.request().body(Map.of("conversation_id", id, "created_at", "2025-01-01T00:00:" + (i % 6) + "0Z",
                    "last_updated_at", "2025-02-01T00:00:0" + (i % 4) + "Z", "tags", List.of(SEED_TAG)))
                    .post("/api/conversations")
                    .then().statusCode(201);
            seeded.add(id);
        }
        Set<String> touched = ConcurrentHashMap.newKeySet();
        Map<String, String> acknowledgedTitles = new ConcurrentHashMap<>();
        Set<String> acknowledgedDeletes = ConcurrentHashMap.newKeySet();
        Map<String, Organised> acknowledgedOrganising = new ConcurrentHashMap<>();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long end = System.currentTimeMillis() + RUN_MILLIS;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + SortOrder.BY_DATE.size());
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            // each writer owns half of the seeded ids and its own new ones, so per id the last write is known
            List<String> mine = new ArrayList<>();
            for (int i = w; i < SEEDED; i += WRITERS) {
                mine.add(seeded.get(i));
            }
            int writer = w;
            writers.add(pool.submit(() -> write(writer, mine, end, touched, acknowledgedTitles, acknowledgedDeletes,
                    acknowledgedOrganising, serverErrors, requests)));
        }
        List<Future<Integer>> readers = new ArrayList<>();
        for (SortOrder order : SortOrder.BY_DATE) {
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
        for (Map.Entry<String, Organised> write : acknowledgedOrganising.entrySet()) {
            if (acknowledgedDeletes.contains(write.getKey())) {
                continue;
            }
            JsonPath read = USER.request().get("/api/conversations/" + write.getKey()).jsonPath();
            if (!write.getValue().tags().equals(new HashSet<>(read.getList("tags")))
                    || write.getValue().archived() != read.getBoolean("archived")) {
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
                acknowledgedTitles.size() + acknowledgedDeletes.size() + acknowledgedOrganising.size(),
                serverErrors.get(), lost);
        assertEquals(0, serverErrors.get(), "5xx answers");
        assertEquals(0, lost, "acknowledged writes not readable afterwards");
        assertTrue(walks >= SortOrder.BY_DATE.size(), "every order was walked at least once");
    }

    /**
     * Creates, patches titles, organises (PATCH of tags and archived, batch updates adding a tag and archiving or not)
     * and deletes its own conversations until {@code end}, recording what was acknowledged.
     */
    private static void write(int writer, List<String> mine, long end, Set<String> touched,
            Map<String, String> titles, Set<String> deletes, Map<String, Organised> organised,
            AtomicInteger serverErrors, AtomicInteger requests) {
        Random random = new Random(writer);
        List<String> live = new ArrayList<>(mine);
        mine.forEach(id -> organised.put(id, new Organised(Set.of(SEED_TAG), false)));
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
                    organised.put(id, new Organised(Set.of(), false));
                    live.add(id);
                }
            } else if (roll < 6) {
                String id = live.get(random.nextInt(live.size()));
                String title = "Patched " + random.nextInt(1_000_000);
                touched.add(id);
                response = USER.request().body(Map.of("title", title)).patch("/api/conversations/" + id);
                if (response.statusCode() == 200) {
                    titles.put(id, title);
                }
            } else if (roll < 7) {
                String id = live.get(random.nextInt(live.size()));
                Set<String> tags = new HashSet<>(TAGS.subList(0, random.nextInt(TAGS.size() + 1)));
                boolean archived = random.nextBoolean();
                touched.add(id);
                response = USER.request().body(Map.of("tags", List.copyOf(tags), "archived", archived))
                        .patch("/api/conversations/" + id);
                if (response.statusCode() == 200) {
                    organised.put(id, new Organised(tags, archived));
                }
            } else if (roll < 9) {
                List<String> ids = List.of(live.get(random.nextInt(live.size())), live.get(random.nextInt(live.size())));
                String tag = TAGS.get(random.nextInt(TAGS.size()));
                boolean archived = random.nextBoolean();
                touched.addAll(ids);
                response = USER.request().body(Map.of("conversation_ids", ids, "add_tags", List.of(tag), "archived",
                        archived)).post("/api/conversations/batch-update");
                if (response.statusCode() == 200) {
                    for (String id : response.jsonPath().<String> getList("updated")) {
                        Set<String> tags = new HashSet<>(organised.get(id).tags());
                        tags.add(tag);
                        organised.put(id, new Organised(tags, archived));
                    }
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

    /**
     * Walks the order again and again, the default list and the seeds' tag in turns; returns how many walks completed,
     * each checked: no id twice, every seed nobody touched exactly once.
     */
    private static int read(SortOrder order, List<String> seeded, long end, Set<String> touched,
            AtomicInteger serverErrors, AtomicInteger requests) {
        int walks = 0;
        while (System.currentTimeMillis() < end || walks == 0) {
            boolean byTag = walks % 2 == 1;
            Set<String> untouchedAtStart = new HashSet<>(seeded);
            untouchedAtStart.removeAll(touched);
            List<String> seen = new ArrayList<>();
            String pageId = null;
            do {
                Map<String, Object> query = new HashMap<>(Map.of("sort_order", order.name(), "limit", 5));
                if (byTag) {
                    query.put("tag", SEED_TAG);
                }
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
