package dev.convsearch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.convsearch.domain.SortOrder;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.SearchWalker;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * While one client pages through a search, another inserts conversations with timestamps before, among (ties) and after
 * the existing ones. Every conversation that existed before the walk is seen exactly once, and no id twice.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ConcurrentPagingTest {

    private static final TestUsers USER = TestUsers.ERIN;
    /** Bounds the collection's growth: mongo-java-server scans it whole for every query. */
    private static final int MAX_WRITES_PER_WALK = 40;
    private static final Instant BASE = Instant.parse("2025-05-01T00:00:00Z");

    @Test
    void pagesStayConsistentWhileAnotherClientInserts() {
        Random random = new Random(7);
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            existing.add(insert("before-" + i, BASE.plusSeconds(60L * random.nextInt(10))));
        }
        AtomicInteger inserted = new AtomicInteger();
        for (SortOrder order : SortOrder.BY_DATE) {
            AtomicBoolean walking = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                Random writes = new Random(order.ordinal());
                for (int i = 0; i < MAX_WRITES_PER_WALK && walking.get(); i++) {
                    int n = inserted.incrementAndGet();
                    insert("during-" + n, BASE.plusSeconds(60L * (writes.nextInt(14) - 2)));
                }
            });
            List<String> seen;
            try {
                seen = SearchWalker.walk(USER, Map.of("sort_order", order.name()), 3);
            } finally {
                walking.set(false);
                writer.join();
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), order + ": an id was seen twice");
            List<String> missing = new ArrayList<>(existing);
            missing.removeAll(seen);
            assertTrue(missing.isEmpty(), order + ": not seen " + missing);
        }
        assertTrue(inserted.get() > 4, "the writer ran during the walks: " + inserted.get());
    }

    private static String insert(String id, Instant at) {
        USER.request().body(Map.of("conversation_id", id, "created_at", at.toString(), "last_updated_at",
                at.toString())).post("/api/conversations").then().statusCode(201);
        return id;
    }
}
