package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The traffic a fresh instance typically sees: every operation a few times, then mostly searches of every shape, each
 * answer checked. {@link TypicalTrafficIT} runs it against the packaged application, and with {@code -Paot} it is what
 * the AOT cache is trained with: the cache then holds every operation's classes, and the recorded profiles, which the
 * JIT replays at start, are those of searches (training with the whole suite's writes cost about 20 MB of memory after
 * load, BENCHMARKS.md).
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class TypicalTrafficTest {

    private static final TestUsers USER = TestUsers.WALTER;
    private static final String SEARCH = "/api/conversations";
    private static final List<String> REPOSITORIES = List.of("acme/app", "acme/api", "octo/site");
    private static final List<String> TRIGGERS = List.of("gui", "resolver", "slack");
    private static final int CONVERSATIONS = 30;
    private static final int SEARCHES = 300;

    @Test
    void everyOperationThenMostlySearches() {
        Random random = new Random(7);
        for (int i = 0; i < CONVERSATIONS; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("conversation_id", "typical-" + i);
            body.put("title", "Typical " + i);
            body.put("selected_repository", REPOSITORIES.get(i % REPOSITORIES.size()));
            body.put("trigger", TRIGGERS.get(i % TRIGGERS.size()));
            body.put("tags", List.of("tag" + i % 4));
            USER.request().body(body).post(SEARCH).then().statusCode(201);
        }
        everyOtherOperationOnce();
        for (int i = 0; i < SEARCHES; i++) {
            searchOfSomeShape(random);
        }
    }

    private static void everyOtherOperationOnce() {
        USER.request().get(SEARCH + "/typical-1").then().statusCode(200).body("title", equalTo("Typical 1"));
        USER.request().body(Map.of("title", "Renamed")).patch(SEARCH + "/typical-1").then().statusCode(200)
                .body("title", equalTo("Renamed"));
        USER.request().body(Map.of("conversation_ids", List.of("typical-2", "typical-3"), "archived", true))
                .post(SEARCH + "/batch-update").then().statusCode(200).body("updated", hasSize(2));
        USER.request().body(Map.of("conversation_ids", List.of("typical-4")))
                .post(SEARCH + "/batch-delete").then().statusCode(200).body("deleted", hasItem("typical-4"));
        USER.request().delete(SEARCH + "/typical-5").then().statusCode(204);
        USER.request().contentType("application/x-ndjson")
                .body("{\"conversation_id\": \"typical-imported\", \"title\": \"Imported\"}\n{broken\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post(SEARCH + "/import").then().statusCode(200).body("created", equalTo(1))
                .body("failed", hasSize(1));
        USER.request().get("/api/v1/app-conversations/search?limit=5").then().statusCode(200)
                .body("items", hasSize(5));
        USER.request().get("/api/v1/app-conversations/count").then().statusCode(200)
                .body(equalTo(String.valueOf(CONVERSATIONS - 2 + 1 - 2)));
        USER.request().get(SEARCH + "/typical-5").then().statusCode(404);
        USER.request().get(SEARCH + "?limit=0").then().statusCode(422);
        given().get(SEARCH).then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** One search: a filter or none, a page size, now and then the next page; every answer within what was asked. */
    private static void searchOfSomeShape(Random random) {
        Map<String, Object> query = new HashMap<>();
        int limit = List.of(5, 20, 100).get(random.nextInt(3));
        query.put("limit", limit);
        String repository = REPOSITORIES.get(random.nextInt(REPOSITORIES.size()));
        String trigger = TRIGGERS.get(random.nextInt(TRIGGERS.size()));
        switch (random.nextInt(4)) {
            case 0 -> query.put("selected_repository", repository);
            case 1 -> query.put("conversation_trigger", trigger);
            case 2 -> {
                query.put("selected_repository", repository);
                query.put("conversation_trigger", trigger);
            }
            default -> {
            }
        }
        JsonPath page = USER.request().queryParams(query).get(SEARCH).then().statusCode(200)
                .body("results.size()", lessThanOrEqualTo(limit)).extract().jsonPath();
        if (query.containsKey("selected_repository")) {
            assertTrue(page.getList("results.selected_repository", String.class).stream().allMatch(repository::equals),
                    "only the repository asked for");
        }
        if (query.containsKey("conversation_trigger")) {
            assertTrue(page.getList("results.trigger", String.class).stream().allMatch(trigger::equals),
                    "only the trigger asked for");
        }
        String next = page.getString("next_page_id");
        if (next != null && random.nextBoolean()) {
            query.put("page_id", next);
            USER.request().queryParams(query).get(SEARCH).then().statusCode(200)
                    .body("results", notNullValue());
        }
    }
}
