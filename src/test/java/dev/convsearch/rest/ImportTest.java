package dev.convsearch.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** NDJSON import of OpenHands metadata: good lines land, bad ones are reported, re-imports update, tenants stay apart. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ImportTest {

    private static final TestUsers OWNER = TestUsers.HEIDI;
    private static final TestUsers OTHER = TestUsers.IVAN;

    /** A metadata.json as an OpenHands file store keeps it: microseconds, +00:00, fields convsearch ignores. */
    private static String metadata(String id, String title) {
        return "{\"conversation_id\": \"" + id + "\", \"github_user_id\": \"42\", \"selected_repository\": "
                + "\"acme/app\", \"user_id\": \"someone-else\", \"selected_branch\": \"main\", \"git_provider\": "
                + "\"github\", \"title\": \"" + title + "\", \"last_updated_at\": "
                + "\"2025-03-04T05:06:07.123456+00:00\", \"trigger\": \"gui\", \"pr_number\": [5], \"created_at\": "
                + "\"2025-03-01T00:00:00.000001+00:00\", \"llm_model\": \"model\", \"accumulated_cost\": 0.25, "
                + "\"prompt_tokens\": 10, \"completion_tokens\": 5, \"total_tokens\": 15}";
    }

    @Test
    void everyGoodLineLandsAndEveryBadLineIsReportedByNumber() {
        String body = String.join("\n",
                metadata("imp-1", "First"),
                "{broken json",
                "",
                metadata("imp-2", "Second"),
                "{\"title\": \"no id\"}",
                "{\"conversation_id\": \"imp-bad\", \"trigger\": \"nope\"}",
                "[1, 2]",
                "{\"conversation_id\": \"../escape\"}",
                metadata("imp-3", "Third")) + "\n";

        JsonPath result = importBody(OWNER, body);

        assertEquals(3, result.getInt("created"));
        assertEquals(0, result.getInt("updated"));
        assertEquals(List.of(2, 5, 6, 7, 8), result.getList("failed.line"));
        assertEquals(5, result.getInt("failed_count"));
        assertEquals("conversation_id: Field required", result.getString("failed[1].detail"));
        OWNER.request().get("/api/conversations/imp-2").then().statusCode(200)
                .body("title", equalTo("Second"))
                .body("created_at", equalTo("2025-03-01T00:00:00Z"))
                .body("last_updated_at", equalTo("2025-03-04T05:06:07.123Z"))
                .body("git_provider", equalTo("github"))
                .body("pr_number", equalTo(List.of(5)))
                .body("status", equalTo("STOPPED"));
    }

    @Test
    void aReimportUpdatesInsteadOfDuplicatingAndKeepsWhatTheLineDoesNotGive() {
        importBody(OWNER, metadata("re-1", "Original") + "\n");
        OWNER.request().body(Map.of("status", "RUNNING")).patch("/api/conversations/re-1").then().statusCode(200);

        JsonPath again = importBody(OWNER, metadata("re-1", "Renamed") + "\n" + metadata("re-2", "New") + "\n");

        assertEquals(1, again.getInt("created"));
        assertEquals(1, again.getInt("updated"));
        OWNER.request().get("/api/conversations/re-1").then().statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("status", equalTo("RUNNING"));
        OWNER.request().queryParam("title__contains", "Renamed").get("/api/conversations/count")
                .then().body(equalTo("1"));
    }

    @Test
    void anotherUsersSameIdIsNeverTouchedNorRevealed() {
        importBody(OWNER, metadata("shared-1", "Owner's") + "\n");

        JsonPath theirs = importBody(OTHER, metadata("shared-1", "Other's") + "\n");

        assertEquals(1, theirs.getInt("created"), "a new conversation of their own, as if the id were unused");
        assertEquals(0, theirs.getInt("updated"));
        OWNER.request().get("/api/conversations/shared-1").then().body("title", equalTo("Owner's"));
        OTHER.request().get("/api/conversations/shared-1").then().body("title", equalTo("Other's"));
    }

    @Test
    void manyLinesImportInOneRequestAcrossBatches() {
        int lines = 1234;
        String body = IntStream.range(0, lines).mapToObj(i -> metadata(String.format("bulk-%05d", i), "Bulk " + i))
                .collect(Collectors.joining("\n"));

        JsonPath result = importBody(OWNER, body);

        assertEquals(lines, result.getInt("created"));
        OWNER.request().queryParam("title__contains", "Bulk ").get("/api/conversations/count")
                .then().body(equalTo(String.valueOf(lines)));
    }

    @Test
    void importNeedsNdjsonAndAKey() {
        OWNER.request().contentType("application/json").body("{}").post("/api/conversations/import")
                .then().statusCode(415);
        RestAssured.given().contentType("application/x-ndjson").body(metadata("x", "x").getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(401);
    }

    private static JsonPath importBody(TestUsers user, String body) {
        return user.request().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import")
                .then().statusCode(200).extract().jsonPath();
    }
}
