package dev.convsearch.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** PATCH and DELETE: partial updates, immutable fields, and another user's conversations. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ConversationLifecycleTest {

    private static final TestUsers OWNER = TestUsers.FRANK;
    private static final TestUsers OTHER = TestUsers.GRACE;

    @Test
    void patchChangesOnlyTheGivenFieldsAndStampsLastUpdatedAt() {
        create("patch-1", Map.of("title", "Before", "selected_repository", "acme/app", "selected_branch", "main",
                "trigger", "gui", "created_at", "2025-01-01T00:00:00Z"));
        Instant before = Instant.now().minusSeconds(1);

        JsonPath patched = OWNER.request()
                .body(Map.of("title", "  After  ", "status", "RUNNING", "pr_number", List.of(12), "num_connections", 2))
                .patch("/api/conversations/patch-1")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("After", patched.getString("title"));
        assertEquals("RUNNING", patched.getString("status"));
        assertEquals(List.of(12), patched.getList("pr_number"));
        assertEquals(2, patched.getInt("num_connections"));
        assertEquals("main", patched.getString("selected_branch"), "untouched");
        assertEquals("acme/app", patched.getString("selected_repository"), "untouched");
        assertEquals("2025-01-01T00:00:00Z", patched.getString("created_at"), "untouched");
        assertTrue(Instant.parse(patched.getString("last_updated_at")).isAfter(before), "last_updated_at is now");
        OWNER.request().get("/api/conversations/patch-1").then().statusCode(200).body("title", equalTo("After"));
    }

    @Test
    void patchTakesAGivenLastUpdatedAtAndClearsNullableFields() {
        create("patch-2", Map.of("selected_branch", "feature", "url", "http://runtime"));
        OWNER.request().body("{\"last_updated_at\": \"2024-06-01T10:00:00+02:00\", \"selected_branch\": null}")
                .patch("/api/conversations/patch-2")
                .then().statusCode(200)
                .body("last_updated_at", equalTo("2024-06-01T08:00:00Z"))
                .body("selected_branch", equalTo(null))
                .body("url", equalTo("http://runtime"));
    }

    @Test
    void patchRefusesImmutableUnknownAndInvalidFields() {
        create("patch-3", Map.of());
        for (String field : List.of("conversation_id", "created_at", "user_id", "selected_repository", "trigger")) {
            OWNER.request().body(Map.of(field, "x")).patch("/api/conversations/patch-3")
                    .then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", field)))
                    .body("detail[0].type", equalTo("extra_forbidden"));
        }
        OWNER.request().body(Map.of("bogus", 1)).patch("/api/conversations/patch-3").then().statusCode(422);
        OWNER.request().body("{\"title\": null}").patch("/api/conversations/patch-3").then().statusCode(422);
        OWNER.request().body("{\"status\": \"DONE\"}").patch("/api/conversations/patch-3").then().statusCode(422);
        OWNER.request().body("{\"title\": \"" + "x".repeat(201) + "\"}").patch("/api/conversations/patch-3")
                .then().statusCode(422);
        OWNER.request().body("[]").patch("/api/conversations/patch-3").then().statusCode(422);
        OWNER.request().get("/api/conversations/patch-3").then().statusCode(200)
                .body("title", equalTo("Conversation patch"));
    }

    @Test
    void deleteThenEveryOperationIsA404() {
        create("delete-1", Map.of());
        OWNER.request().delete("/api/conversations/delete-1").then().statusCode(204);

        OWNER.request().get("/api/conversations/delete-1").then().statusCode(404);
        OWNER.request().body(Map.of("title", "x")).patch("/api/conversations/delete-1").then().statusCode(404);
        OWNER.request().delete("/api/conversations/delete-1").then().statusCode(404)
                .body("detail", equalTo("Conversation not found"));
        OWNER.request().queryParam("limit", 100).get("/api/conversations")
                .then().body("results.conversation_id", not(hasItem("delete-1")));
    }

    @Test
    void anotherUserCanNeitherChangeNorDeleteNorTellApartAnExistingId() {
        create("mine-1", Map.of("title", "Mine"));
        String missing = OTHER.request().get("/api/conversations/never-existed").then().statusCode(404)
                .extract().asString();

        assertEquals(missing, OTHER.request().get("/api/conversations/mine-1").then().statusCode(404)
                .extract().asString());
        assertEquals(missing, OTHER.request().body(Map.of("title", "Theirs")).patch("/api/conversations/mine-1")
                .then().statusCode(404).extract().asString());
        assertEquals(missing, OTHER.request().delete("/api/conversations/mine-1").then().statusCode(404)
                .extract().asString());
        OWNER.request().get("/api/conversations/mine-1").then().statusCode(200).body("title", equalTo("Mine"));
    }

    private static void create(String id, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("conversation_id", id);
        OWNER.request().body(body).post("/api/conversations").then().statusCode(201);
    }
}
