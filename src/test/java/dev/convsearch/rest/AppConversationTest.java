package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.domain.Tags;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.SearchWalker;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The OpenHands V1 surface: the same search under V1's names, sort orders (titles included) and page size; count always
 * the walk's length; batch get in the order asked; the legacy surface's errors; metrics from imports.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppConversationTest {

    private static final TestUsers OWNER = TestUsers.BEA;
    private static final TestUsers OTHER = TestUsers.CLEO;
    private static final TestUsers WRITER = TestUsers.DORA;
    private static final String SEARCH = "/api/v1/app-conversations/search";
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    record Stored(String id, String title, String repository, List<String> tags, boolean archived, Instant createdAt,
            Instant updatedAt) {
    }

    private final List<Stored> stored = new ArrayList<>();

    @BeforeEach
    void seed() {
        if (!stored.isEmpty()) {
            return;
        }
        Random random = new Random(12);
        // few distinct titles and times, so ties are many; titles of every case and some accents
        String[] titles = { "Fix build", "fix build", "Äpfel", "apfel", "Zebra", "zebra", "Ökonomie", "_underscore" };
        for (int i = 0; i < 50; i++) {
            Stored s = new Stored(String.format("v%02d-%03x", i, random.nextInt(4096)),
                    titles[random.nextInt(titles.length)], random.nextBoolean() ? "acme/app" : "acme/lib",
                    random.nextBoolean() ? List.of("ops") : List.of(), random.nextInt(5) == 0,
                    BASE.plusSeconds(3600L * random.nextInt(3)), BASE.plusSeconds(3600L * random.nextInt(4)));
            stored.add(s);
            OWNER.request().body(Map.of("conversation_id", s.id(), "title", s.title(), "selected_repository",
                    s.repository(), "tags", s.tags(), "archived", s.archived(), "created_at", s.createdAt().toString(),
                    "last_updated_at", s.updatedAt().toString())).post("/api/conversations").then().statusCode(201);
        }
    }

    @Test
    void everyOrderWalksInTotalOrderWithFullPagesAndCountIsTheWalksLength() {
        for (Map.Entry<Map<String, Object>, Predicate<Stored>> filter : filters().entrySet()) {
            long counted = OWNER.request().queryParams(filter.getKey()).get("/api/v1/app-conversations/count")
                    .then().statusCode(200).extract().as(Long.class);
            for (SortOrder order : SortOrder.BY_FIELD) {
                List<String> expected = stored.stream().filter(filter.getValue()).sorted(comparator(order))
                        .map(Stored::id).toList();
                Map<String, Object> params = new HashMap<>(filter.getKey());
                params.put("sort_order", order.name());
                List<String> walked = SearchWalker.walk(OWNER, SearchWalker.APP_CONVERSATIONS, params, 4);
                assertEquals(expected, walked, order + " " + params);
                assertEquals(counted, walked.size(), "count is the walk's length: " + params);
            }
        }
    }

    @Test
    void theDefaultsAreV1s() {
        JsonPath page = OWNER.request().get(SEARCH).then().statusCode(200).extract().jsonPath();
        List<String> expected = stored.stream().filter(s -> !s.archived())
                .sorted(comparator(SortOrder.CREATED_AT_DESC)).map(Stored::id).toList();
        assertEquals(expected, page.getList("items.id"), "100 a page, newest created first");
        assertEquals(null, page.getString("next_page_id"));
    }

    @Test
    void walksInEveryOrderSeeEachConversationOnceWhileOthersWrite() throws Exception {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = String.format("w%02d", i);
            WRITER.request().body(Map.of("conversation_id", id, "title", "T" + (i % 5), "created_at",
                    BASE.plusSeconds(i % 4).toString())).post("/api/conversations").then().statusCode(201);
            seeded.add(id);
        }
        Set<String> touched = ConcurrentHashMap.newKeySet();
        long end = System.currentTimeMillis() + 4000;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> writer = pool.submit(() -> {
            Random random = new Random(3);
            for (int n = 0; System.currentTimeMillis() < end; n++) {
                String id = seeded.get(random.nextInt(seeded.size()));
                touched.add(id);
                switch (random.nextInt(3)) {
                    case 0 -> WRITER.request().body(Map.of("title", "R" + n)).patch("/api/conversations/" + id);
                    case 1 -> WRITER.request().body(Map.of("conversation_id", "new-" + n, "title", "N" + n))
                            .post("/api/conversations");
                    default -> WRITER.request().body(Map.of("archived", random.nextBoolean()))
                            .patch("/api/conversations/" + id);
                }
            }
        });
        List<Future<Integer>> walkers = new ArrayList<>();
        for (List<SortOrder> orders : List.of(List.of(SortOrder.TITLE, SortOrder.CREATED_AT_DESC),
                List.of(SortOrder.TITLE_DESC, SortOrder.UPDATED_AT))) {
            walkers.add(pool.submit(() -> {
                int walks = 0;
                while (System.currentTimeMillis() < end || walks == 0) {
                    SortOrder order = orders.get(walks % orders.size());
                    Set<String> untouched = new HashSet<>(seeded);
                    untouched.removeAll(touched);
                    List<String> seen = SearchWalker.walk(WRITER, SearchWalker.APP_CONVERSATIONS,
                            Map.of("sort_order", order.name()), 3);
                    assertEquals(seen.size(), new HashSet<>(seen).size(), order + ": an id twice in one walk");
                    untouched.removeAll(touched);
                    for (String id : untouched) {
                        assertEquals(1, Collections.frequency(seen, id), order + ": " + id + " not seen once");
                    }
                    walks++;
                }
                return walks;
            }));
        }
        writer.get(30, TimeUnit.SECONDS);
        for (Future<Integer> walker : walkers) {
            assertTrue(walker.get(30, TimeUnit.SECONDS) > 0);
        }
        pool.shutdown();
    }

    @Test
    void aBatchGetAnswersInTheOrderAskedAndNeverRevealsAnotherUsers() {
        OWNER.request().body(Map.of("conversation_id", "bg-1")).post("/api/conversations").then().statusCode(201);
        OTHER.request().body(Map.of("conversation_id", "bg-theirs")).post("/api/conversations").then().statusCode(201);
        String first = stored.get(0).id();

        List<Map<String, Object>> items = OWNER.request()
                .queryParam("ids", "bg-theirs", first, "nope", "bg-1", "../bad", first).get("/api/v1/app-conversations")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(Arrays.asList(null, first, null, "bg-1", null, first),
                items.stream().map(item -> item == null ? null : item.get("id")).toList());
        OWNER.request().get("/api/v1/app-conversations").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "ids")));
        OWNER.request().queryParam("ids", Collections.nCopies(101, "bg-1")).get("/api/v1/app-conversations")
                .then().statusCode(422).body("detail[0].type", equalTo("too_long"));
    }

    @Test
    void anAppConversationHasV1sFieldsAndMetricsFromTheImport() {
        importLines(OWNER, "{\"conversation_id\": \"m-1\", \"title\": \"Metered\", \"llm_model\": \"anthropic/claude\","
                + " \"accumulated_cost\": 0.25, \"prompt_tokens\": 1000, \"completion_tokens\": 200, "
                + "\"total_tokens\": 1200, \"url\": \"http://runtime/m-1\", \"user_id\": \"someone-else\"}\n"
                + "{\"conversation_id\": \"m-2\", \"title\": \"Unmetered\"}");
        OWNER.request().body(Map.of("status", "RUNNING")).patch("/api/conversations/m-1").then().statusCode(200);

        JsonPath both = OWNER.request().queryParam("ids", "m-1", "m-2").get("/api/v1/app-conversations")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("m-1", both.getString("[0].id"));
        assertEquals(OWNER.id(), both.getString("[0].created_by_user_id"));
        assertEquals("anthropic/claude", both.getString("[0].llm_model"));
        assertEquals(Map.of("model_name", "anthropic/claude", "accumulated_cost", 0.25f, "accumulated_token_usage",
                Map.of("model", "anthropic/claude", "prompt_tokens", 1000, "completion_tokens", 200)),
                both.getMap("[0].metrics"));
        assertEquals("RUNNING", both.getString("[0].sandbox_status"));
        assertEquals("http://runtime/m-1", both.getString("[0].conversation_url"));
        assertEquals(null, both.getString("[0].sandbox_id"));
        assertEquals(null, both.getString("[0].execution_status"));
        assertTrue(both.getMap("[0]").containsKey("execution_status"), "every field present, null included");
        assertEquals(null, both.getMap("[1].metrics"), "no metrics known");
        assertEquals("PAUSED", both.getString("[1].sandbox_status"), "a STOPPED conversation's sandbox is paused");
        assertEquals(both.getString("[1].updated_at"), OWNER.request().get("/api/conversations/m-2").jsonPath()
                .getString("last_updated_at"));
    }

    @Test
    void errorsAreTheLegacySurfacesErrors() {
        for (String path : List.of(SEARCH, "/api/v1/app-conversations/count", "/api/v1/app-conversations?ids=x")) {
            assertEquals(given().get("/api/conversations").then().statusCode(401).extract().asString(),
                    given().get(path).then().statusCode(401).extract().asString());
        }
        for (Map.Entry<String, String> bad : Map.of("limit", "int_parsing", "sort_order", "enum", "page_id",
                "value_error", "created_at__gte", "datetime_parsing", "updated_at__lt", "datetime_parsing").entrySet()) {
            for (String value : List.of("", "nope", "{\"$ne\": null}")) {
                Response v1 = OWNER.request().queryParam(bad.getKey(), value).get(SEARCH);
                v1.then().statusCode(422).body("detail", hasSize(1))
                        .body("detail[0].loc", equalTo(List.of("query", bad.getKey())))
                        .body("detail[0].type", equalTo(bad.getValue()));
                if (!bad.getKey().equals("sort_order")) {
                    assertEquals(OWNER.request().queryParam(bad.getKey(), value).get("/api/conversations").asString(),
                            v1.asString(), "the same 422 as /api/conversations: " + bad);
                }
            }
        }
        OWNER.request().queryParam("limit", 101).get(SEARCH).then().statusCode(422)
                .body("detail[0].type", equalTo("less_than_equal"));
        OWNER.request().queryParam("sort_order", "TITLE").get("/api/conversations").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "sort_order")));
        String titleCursor = OWNER.request().queryParam("sort_order", "TITLE").queryParam("limit", 1).get(SEARCH)
                .then().statusCode(200).extract().path("next_page_id");
        OWNER.request().queryParam("sort_order", "TITLE_DESC").queryParam("page_id", titleCursor).get(SEARCH)
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("query", "page_id")));
        OWNER.request().queryParam("page_id", titleCursor).get("/api/conversations").then().statusCode(422);
    }

    private static Map<Map<String, Object>, Predicate<Stored>> filters() {
        Map<Map<String, Object>, Predicate<Stored>> filters = new LinkedHashMap<>();
        filters.put(Map.of(), s -> !s.archived());
        filters.put(Map.of("tag", "ops", "selected_repository", "acme/app"),
                s -> !s.archived() && s.tags().contains("ops") && s.repository().equals("acme/app"));
        filters.put(Map.of("archived", "true", "title__contains", "ZEB"),
                s -> s.archived() && s.title().toLowerCase().contains("zeb"));
        filters.put(Map.of("created_at__gte", BASE.plusSeconds(3600).toString()),
                s -> !s.archived() && !s.createdAt().isBefore(BASE.plusSeconds(3600)));
        return filters;
    }

    private static Comparator<Stored> comparator(SortOrder order) {
        Comparator<Stored> bySortField = order.field() == ConversationField.TITLE
                ? (a, b) -> Tags.byCodePoint(a.title(), b.title())
                : order.field() == ConversationField.CREATED_AT ? Comparator.comparing(Stored::createdAt)
                        : Comparator.comparing(Stored::updatedAt);
        Comparator<Stored> total = bySortField.thenComparing(Stored::id);
        return order.descending() ? total.reversed() : total;
    }

    private static void importLines(TestUsers user, String lines) {
        user.request().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(200).body("failed", hasSize(0));
    }
}
