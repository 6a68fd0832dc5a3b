package dev.convsearch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.SearchWalker;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Pages through randomized data (few distinct timestamps, so many ties) in every sort order, with every filter and
 * limits 1, 7 and 100, and checks that the pages join into exactly the sequence an in-memory sort gives.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPagingTest {

    private static final TestUsers OWNER = TestUsers.ALICE;
    private static final TestUsers OTHER = TestUsers.BOB;
    private static final int CONVERSATIONS = 60;
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final String[] REPOSITORIES = { "acme/app", "acme/lib", "{\"$ne\": null}", "", null };
    private static final String[] TRIGGERS = { "gui", "resolver", "slack", null };
    private static final String[] TITLES = { "Fix the build", "fix flaky TEST", "Refactor .* parser", "Add docs",
            "Upgrade deps", "$where it hurts" };

    record Stored(String id, String title, String repository, String trigger, Instant createdAt, Instant updatedAt) {
    }

    private final List<Stored> stored = new ArrayList<>();

    /** Seeds once; in a {@code @BeforeEach} because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() {
        if (!stored.isEmpty()) {
            return;
        }
        Random random = new Random(42);
        for (int i = 0; i < CONVERSATIONS; i++) {
            Stored s = new Stored(
                    String.format("c%03d-%08x", random.nextInt(1000), random.nextInt()),
                    TITLES[random.nextInt(TITLES.length)] + " " + i,
                    REPOSITORIES[random.nextInt(REPOSITORIES.length)],
                    TRIGGERS[random.nextInt(TRIGGERS.length)],
                    BASE.plusSeconds(3600L * random.nextInt(4)),
                    BASE.plusSeconds(3600L * random.nextInt(5)).plusMillis(random.nextInt(2)));
            stored.add(s);
            Map<String, Object> body = new HashMap<>();
            body.put("conversation_id", s.id);
            body.put("title", s.title);
            body.put("selected_repository", s.repository);
            body.put("trigger", s.trigger);
            body.put("created_at", s.createdAt.toString());
            body.put("last_updated_at", s.updatedAt.toString());
            OWNER.request().body(body).post("/api/conversations").then().statusCode(201);
            if (i % 3 == 0) {
                // the other user holds the same ids: never a conflict, never visible to the owner
                OTHER.request().body(body).post("/api/conversations").then().statusCode(201);
            }
        }
    }

    @Test
    void pagesJoinIntoTheInMemoryOrderForEverySortFilterAndLimit() {
        Map<Map<String, String>, Predicate<Stored>> filters = filters();
        for (SortOrder order : SortOrder.BY_DATE) {
            for (Map.Entry<Map<String, String>, Predicate<Stored>> filter : filters.entrySet()) {
                List<String> expected = stored.stream().filter(filter.getValue()).sorted(comparator(order))
                        .map(Stored::id).toList();
                Map<String, String> params = new HashMap<>(filter.getKey());
                params.put("sort_order", order.name());
                for (int limit : new int[] { 1, 7, 100 }) {
                    assertEquals(expected, SearchWalker.walk(OWNER, params, limit), order + " " + params + " limit "
                            + limit);
                }
            }
        }
    }

    @Test
    void countMatchesTheFilter() {
        filters().forEach((params, predicate) -> {
            long expected = stored.stream().filter(predicate).count();
            long counted = OWNER.request().queryParams(params).get("/api/conversations/count")
                    .then().statusCode(200).extract().as(Long.class);
            assertEquals(expected, counted, params.toString());
        });
    }

    @Test
    void theDefaultOrderIsNewestUpdateFirst() {
        List<String> expected = stored.stream().sorted(comparator(SortOrder.UPDATED_AT_DESC)).map(Stored::id).toList();
        assertEquals(expected, SearchWalker.walk(OWNER, Map.of(), 20));
    }

    private static Map<Map<String, String>, Predicate<Stored>> filters() {
        Map<Map<String, String>, Predicate<Stored>> filters = new LinkedHashMap<>();
        filters.put(Map.of(), s -> true);
        filters.put(Map.of("selected_repository", "acme/app"), s -> "acme/app".equals(s.repository));
        filters.put(Map.of("selected_repository", ""), s -> "".equals(s.repository));
        filters.put(Map.of("selected_repository", "{\"$ne\": null}"), s -> "{\"$ne\": null}".equals(s.repository));
        filters.put(Map.of("conversation_trigger", "gui"), s -> "gui".equals(s.trigger));
        filters.put(Map.of("selected_repository", "acme/lib", "conversation_trigger", "resolver"),
                s -> "acme/lib".equals(s.repository) && "resolver".equals(s.trigger));
        filters.put(Map.of("title__contains", "FIX"), s -> s.title.toLowerCase(Locale.ROOT).contains("fix"));
        filters.put(Map.of("title__contains", ".*"), s -> s.title.contains(".*"));
        filters.put(Map.of("title__contains", "$where"), s -> s.title.contains("$where"));
        Instant from = BASE.plusSeconds(3600);
        Instant to = BASE.plusSeconds(3 * 3600);
        filters.put(Map.of("created_at__gte", from.toString(), "created_at__lt", to.toString()),
                s -> !s.createdAt.isBefore(from) && s.createdAt.isBefore(to));
        filters.put(Map.of("updated_at__gte", "2025-01-01T02:00:00+01:00", "updated_at__lt", to.toString()),
                s -> !s.updatedAt.isBefore(from) && s.updatedAt.isBefore(to));
        filters.put(Map.of("conversation_trigger", "slack", "updated_at__gte", from.toString()),
                s -> "slack".equals(s.trigger) && !s.updatedAt.isBefore(from));
        return filters;
    }

    private static Comparator<Stored> comparator(SortOrder order) {
        Comparator<Stored> bySortField = order.field() == ConversationField.CREATED_AT
                ? Comparator.comparing(Stored::createdAt)
                : Comparator.comparing(Stored::updatedAt);
        Comparator<Stored> total = bySortField.thenComparing(Stored::id);
        return order.descending() ? total.reversed() : total;
    }
}
