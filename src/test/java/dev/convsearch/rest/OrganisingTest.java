package dev.convsearch.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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
import io.restassured.path.json.JsonPath;

/**
 * Organising conversations: tags, archive, sub-conversations, status; their filters applied before paging in every
 * order with the count agreeing; the batch endpoints, tenant-bound; organising that is not activity.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisingTest {

    private static final TestUsers OWNER = TestUsers.XAVIER;
    private static final TestUsers OTHER = TestUsers.YVONNE;
    private static final TestUsers PAGER = TestUsers.ZARA;
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

    record Stored(String id, String title, String repository, String trigger, String status, List<String> tags,
            boolean archived, String parent, Instant createdAt, Instant updatedAt) {
    }

    private final List<Stored> stored = new ArrayList<>();

    /** Seeds PAGER's random conversations once (RestAssured knows the port only in a test's lifecycle). */
    @BeforeEach
    void seed() {
        if (!stored.isEmpty()) {
            return;
        }
        Random random = new Random(11);
        String[] tagPool = { "ops", "nightly", "bot", "Review", "ünï" };
        String[] statuses = { "STARTING", "RUNNING", "STOPPED" };
        for (int i = 0; i < 80; i++) {
            List<String> tags = new ArrayList<>();
            for (String tag : tagPool) {
                if (random.nextInt(3) == 0) {
                    tags.add(tag);
                }
            }
            Collections.sort(tags);
            String parent = i > 10 && random.nextInt(4) == 0 ? stored.get(random.nextInt(10)).id() : null;
            Stored s = new Stored(String.format("o%02d-%04x", i, random.nextInt(1 << 16)), "Organised " + i,
                    random.nextBoolean() ? "acme/app" : "acme/lib", random.nextBoolean() ? "gui" : "resolver",
                    statuses[random.nextInt(3)], tags, random.nextInt(4) == 0, parent,
                    BASE.plusSeconds(3600L * random.nextInt(4)), BASE.plusSeconds(3600L * random.nextInt(5)));
            stored.add(s);
            Map<String, Object> body = new HashMap<>();
            body.put("conversation_id", s.id());
            body.put("title", s.title());
            body.put("selected_repository", s.repository());
            body.put("trigger", s.trigger());
            body.put("status", s.status());
            body.put("tags", s.tags());
            body.put("archived", s.archived());
            body.put("parent_conversation_id", s.parent());
            body.put("created_at", s.createdAt().toString());
            body.put("last_updated_at", s.updatedAt().toString());
            PAGER.request().body(body).post("/api/conversations").then().statusCode(201);
        }
    }

    @Test
    void newConversationsHaveTheOrganisingFieldsAndTagsAreKeptSortedAndUnique() {
        OWNER.request().body(Map.of("conversation_id", "org-1", "tags", List.of(" b", "a", "b", "Z", "🎉", "é")))
                .post("/api/conversations")
                .then().statusCode(201)
                .body("tags", equalTo(List.of("Z", "a", "b", "é", "🎉")))
                .body("archived", equalTo(false))
                .body("parent_conversation_id", equalTo(null))
                .body("sub_conversation_ids", equalTo(List.of()));
    }

    @Test
    void badTagsAreA422AtBodyTags() {
        for (String tags : List.of("null", "\"ops\"", "[\"   \"]", "[\"" + "t".repeat(51) + "\"]", "[1]", "[null]",
                "[" + String.join(",", IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"").toList()) + "]")) {
            OWNER.request().body("{\"tags\": " + tags + "}").post("/api/conversations")
                    .then().statusCode(422).body("detail[0].loc[0]", equalTo("body"))
                    .body("detail[0].loc[1]", equalTo("tags"));
            OWNER.request().body("{\"tags\": " + tags + "}").patch("/api/conversations/org-1")
                    .then().statusCode(422).body("detail[0].loc[0]", equalTo("body"))
                    .body("detail[0].loc[1]", equalTo("tags"));
        }
    }

    @Test
    void organisingIsNotActivity() {
        OWNER.request().body(Map.of("conversation_id", "org-2", "last_updated_at", "2025-03-01T00:00:00Z"))
                .post("/api/conversations").then().statusCode(201);

        OWNER.request().body(Map.of("tags", List.of("ops"), "archived", true)).patch("/api/conversations/org-2")
                .then().statusCode(200)
                .body("tags", equalTo(List.of("ops")))
                .body("archived", equalTo(true))
                .body("last_updated_at", equalTo("2025-03-01T00:00:00Z"));
        OWNER.request().body(Map.of("conversation_ids", List.of("org-2"), "add_tags", List.of("bot"), "archived",
                false)).post("/api/conversations/batch-update")
                .then().statusCode(200).body("updated", equalTo(List.of("org-2")));
        OWNER.request().get("/api/conversations/org-2").then()
                .body("tags", equalTo(List.of("bot", "ops")))
                .body("last_updated_at", equalTo("2025-03-01T00:00:00Z"));

        String patched = OWNER.request().body(Map.of("tags", List.of(), "title", "Renamed"))
                .patch("/api/conversations/org-2").then().statusCode(200).extract().path("last_updated_at");
        assertTrue(Instant.parse(patched).isAfter(Instant.parse("2025-03-01T00:00:00Z")), "a rename is activity");
        OWNER.request().body(Map.of("parent_conversation_id", "x")).patch("/api/conversations/org-2")
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body", "parent_conversation_id")));
    }

    @Test
    void subConversationsAreFoundWhicheverOrderParentAndChildArrive() {
        // the child arrives first, by import; the parent later, by create; a second child by import after it
        importLines(OWNER, "{\"conversation_id\": \"kid-b\", \"parent_conversation_id\": \"mum\"}");
        OWNER.request().body(Map.of("conversation_id", "mum")).post("/api/conversations")
                .then().statusCode(201).body("sub_conversation_ids", equalTo(List.of("kid-b")));
        importLines(OWNER, "{\"conversation_id\": \"kid-a\", \"parent_conversation_id\": \"mum\", \"tags\": [\"x\"],"
                + " \"archived\": true}");
        // another user's conversation naming the same parent id is not the owner's sub-conversation
        OTHER.request().body(Map.of("conversation_id", "kid-c", "parent_conversation_id", "mum"))
                .post("/api/conversations").then().statusCode(201);

        OWNER.request().get("/api/conversations/mum").then()
                .body("sub_conversation_ids", equalTo(List.of("kid-a", "kid-b")));
        OWNER.request().get("/api/conversations/kid-a").then()
                .body("parent_conversation_id", equalTo("mum")).body("tags", equalTo(List.of("x")))
                .body("archived", equalTo(true));
        // a re-import does not move a conversation to another parent
        importLines(OWNER, "{\"conversation_id\": \"kid-b\", \"parent_conversation_id\": \"elsewhere\"}");
        OWNER.request().get("/api/conversations/kid-b").then().body("parent_conversation_id", equalTo("mum"));

        List<String> listed = SearchWalker.walk(OWNER, Map.of(), 100);
        assertTrue(listed.contains("mum") && !listed.contains("kid-b"), "sub-conversations leave the default list");
        assertTrue(SearchWalker.walk(OWNER, Map.of("include_sub_conversations", "true"), 100).contains("kid-b"));
    }

    @Test
    void parentsAndChildrenWrittenConcurrentlyInAnyOrderAllFindEachOther() throws Exception {
        TestUsers user = TestUsers.ABEL;
        List<Runnable> writes = new ArrayList<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int p = 0; p < 12; p++) {
            String parent = "race-p" + p;
            expected.put(parent, new ArrayList<>());
            writes.add(() -> user.request().body(Map.of("conversation_id", parent)).post("/api/conversations")
                    .then().statusCode(201));
            for (int c = 0; c < 3; c++) {
                String child = parent + "-c" + c;
                expected.get(parent).add(child);
                boolean byImport = c % 2 == 0;
                writes.add(() -> {
                    if (byImport) {
                        importLines(user, "{\"conversation_id\": \"" + child + "\", \"parent_conversation_id\": \""
                                + parent + "\"}");
                    } else {
                        user.request().body(Map.of("conversation_id", child, "parent_conversation_id", parent))
                                .post("/api/conversations").then().statusCode(201);
                    }
                });
            }
        }
        Collections.shuffle(writes, new Random(5));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (Future<?> write : pool.invokeAll(writes.stream().map(Executors::callable).toList())) {
            write.get();
        }
        pool.shutdown();

        expected.forEach((parent, children) -> user.request().get("/api/conversations/" + parent).then()
                .body("sub_conversation_ids", equalTo(children)));
        List<String> listed = SearchWalker.walk(user, Map.of(), 5);
        assertEquals(expected.keySet().stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void everyFilterAppliesBeforePagingInEveryOrderAndCountAgrees() {
        for (Map.Entry<Map<String, Object>, Predicate<Stored>> filter : filters().entrySet()) {
            long expectedCount = stored.stream().filter(filter.getValue()).count();
            long counted = PAGER.request().queryParams(filter.getKey()).get("/api/conversations/count")
                    .then().statusCode(200).extract().as(Long.class);
            assertEquals(expectedCount, counted, "count " + filter.getKey());
            for (SortOrder order : SortOrder.BY_DATE) {
                List<String> expected = stored.stream().filter(filter.getValue()).sorted(comparator(order))
                        .map(Stored::id).toList();
                Map<String, Object> params = new HashMap<>(filter.getKey());
                params.put("sort_order", order.name());
                for (int limit : new int[] { 3, 7 }) {
                    List<String> walked = SearchWalker.walk(PAGER, params, limit);
                    assertEquals(expected, walked, order + " " + params + " limit " + limit);
                    assertEquals(expectedCount, walked.size(), "the walk's length is the count: " + params);
                }
            }
        }
    }

    @Test
    void booleansAreReadAsFastApiReadsThem() {
        for (String yes : List.of("true", "TRUE", "1", "yes", "On")) {
            PAGER.request().queryParam("archived", yes).queryParam("limit", 100).get("/api/conversations")
                    .then().statusCode(200).body("results.archived", everyItem(equalTo(true)));
        }
        for (String bad : List.of("", "maybe", "2", "t")) {
            PAGER.request().queryParam("include_sub_conversations", bad).get("/api/conversations")
                    .then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "include_sub_conversations")))
                    .body("detail[0].type", equalTo("bool_parsing"));
        }
        PAGER.request().queryParam("status", "DONE").queryParam("tag", "").get("/api/conversations/count")
                .then().statusCode(422).body("detail", hasSize(2));
    }

    @Test
    void aBatchDeleteTouchesOnlyTheCallersConversationsAndSaysWhich() {
        for (String id : List.of("del-1", "del-2", "del-3")) {
            OWNER.request().body(Map.of("conversation_id", id)).post("/api/conversations").then().statusCode(201);
        }
        OTHER.request().body(Map.of("conversation_id", "del-theirs")).post("/api/conversations").then()
                .statusCode(201);

        OWNER.request().body(Map.of("conversation_ids", List.of("del-2", "del-theirs", "del-1", "del-2", "never")))
                .post("/api/conversations/batch-delete")
                .then().statusCode(200)
                .body("deleted", equalTo(List.of("del-2", "del-1")))
                .body("not_found", equalTo(List.of("del-theirs", "never")));
        OWNER.request().get("/api/conversations/del-1").then().statusCode(404);
        OWNER.request().get("/api/conversations/del-3").then().statusCode(200);
        OTHER.request().get("/api/conversations/del-theirs").then().statusCode(200);
    }

    @Test
    void aBatchUpdateLeavesAConversationThatWouldPassTwentyTagsUnchanged() {
        List<String> nineteen = IntStream.range(0, 19).mapToObj(i -> "t" + i).toList();
        OWNER.request().body(Map.of("conversation_id", "upd-full", "tags", nineteen)).post("/api/conversations")
                .then().statusCode(201);
        OWNER.request().body(Map.of("conversation_id", "upd-1", "tags", List.of("old", "keep")))
                .post("/api/conversations").then().statusCode(201);
        OTHER.request().body(Map.of("conversation_id", "upd-theirs")).post("/api/conversations").then()
                .statusCode(201);

        OWNER.request().body(Map.of("conversation_ids", List.of("upd-1", "upd-full", "upd-theirs"), "add_tags",
                List.of("new", " extra "), "remove_tags", List.of("old"), "archived", true))
                .post("/api/conversations/batch-update")
                .then().statusCode(200)
                .body("updated", equalTo(List.of("upd-1")))
                .body("not_found", equalTo(List.of("upd-theirs")))
                .body("failed.conversation_id", equalTo(List.of("upd-full")));
        OWNER.request().get("/api/conversations/upd-1").then()
                .body("tags", equalTo(List.of("extra", "keep", "new"))).body("archived", equalTo(true));
        OWNER.request().get("/api/conversations/upd-full").then()
                .body("tags", equalTo(nineteen.stream().sorted().toList())).body("archived", equalTo(false));
        OTHER.request().get("/api/conversations/upd-theirs").then().body("archived", equalTo(false));
    }

    @Test
    void aBadBatchIsA422BeforeAnythingIsWritten() {
        OWNER.request().body(Map.of("conversation_id", "keep-me")).post("/api/conversations").then().statusCode(201);
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "keep-me").toList();
        Map<String, Map<String, Object>> endpoints = Map.of("/api/conversations/batch-delete", Map.of(),
                "/api/conversations/batch-update", Map.of("archived", true));
        endpoints.forEach((path, rest) -> {
            for (Map.Entry<List<String>, String> ids : Map.of(List.of("keep-me", "../bad"), "string_pattern_mismatch",
                    tooMany, "too_long", List.<String> of(), "too_short").entrySet()) {
                Map<String, Object> body = new HashMap<>(rest);
                body.put("conversation_ids", ids.getKey());
                OWNER.request().body(body).post(path).then().statusCode(422)
                        .body("detail[0].loc[1]", equalTo("conversation_ids"))
                        .body("detail[0].type", equalTo(ids.getValue()));
            }
        });
        OWNER.request().body(Map.of("conversation_ids", List.of("keep-me"))).post("/api/conversations/batch-update")
                .then().statusCode(422).body("detail[0].loc", equalTo(List.of("body")));
        OWNER.request().get("/api/conversations/keep-me").then().statusCode(200).body("archived", equalTo(false));
    }

    private static Map<Map<String, Object>, Predicate<Stored>> filters() {
        Map<Map<String, Object>, Predicate<Stored>> filters = new LinkedHashMap<>();
        Predicate<Stored> listed = s -> !s.archived() && s.parent() == null;
        filters.put(Map.of(), listed);
        filters.put(Map.of("tag", "ops"), listed.and(s -> s.tags().contains("ops")));
        filters.put(Map.of("tag", List.of("ops", "nightly")),
                listed.and(s -> s.tags().contains("ops") && s.tags().contains("nightly")));
        filters.put(Map.of("tag", " ünï "), listed.and(s -> s.tags().contains("ünï")));
        filters.put(Map.of("archived", "true"), s -> s.archived() && s.parent() == null);
        filters.put(Map.of("archived", "no", "include_sub_conversations", "yes"), s -> !s.archived());
        filters.put(Map.of("include_sub_conversations", "1", "archived", "1"), Stored::archived);
        filters.put(Map.of("status", "RUNNING"), listed.and(s -> s.status().equals("RUNNING")));
        filters.put(Map.of("status", "STOPPED", "tag", "bot", "selected_repository", "acme/app"),
                listed.and(s -> s.status().equals("STOPPED") && s.tags().contains("bot")
                        && s.repository().equals("acme/app")));
        filters.put(Map.of("tag", "Review", "conversation_trigger", "gui", "include_sub_conversations", "true"),
                s -> !s.archived() && s.tags().contains("Review") && s.trigger().equals("gui"));
        filters.put(Map.of("archived", "true", "tag", "ops", "title__contains", "ORGANISED 1"),
                s -> s.archived() && s.parent() == null && s.tags().contains("ops")
                        && s.title().toLowerCase().contains("organised 1"));
        Instant from = BASE.plusSeconds(3600);
        filters.put(Map.of("include_sub_conversations", "true", "updated_at__gte", from.toString(), "tag", "nightly"),
                s -> !s.archived() && !s.updatedAt().isBefore(from) && s.tags().contains("nightly"));
        filters.put(Map.of("tag", "none-has-it"), s -> false);
        return filters;
    }

    private static Comparator<Stored> comparator(SortOrder order) {
        Comparator<Stored> bySortField = order.field() == ConversationField.CREATED_AT
                ? Comparator.comparing(Stored::createdAt)
                : Comparator.comparing(Stored::updatedAt);
        Comparator<Stored> total = bySortField.thenComparing(Stored::id);
        return order.descending() ? total.reversed() : total;
    }

    private static JsonPath importLines(TestUsers user, String lines) {
        return user.request().contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(200).extract().jsonPath();
    }
}
