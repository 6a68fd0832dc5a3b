package dev.convsearch.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Sends at least 10 000 generated hostile requests over every endpoint (see {@link HostileRequests}) and holds every
 * answer to the contract: a documented status, the documented body shape, never a 5xx; then checks the service is
 * still healthy and still answers correctly. Set -Dhostile.seed to repeat a run, -Dhostile.count
 * for more requests.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class HostileInputTest {

    private static final TestUsers USER = TestUsers.QUENTIN;
    /**
     * Every status the API documents; 411 and 413 come from the body limits, 414 and 431 from the HTTP server's limits
     * on the request line and headers (those two, like any answer to HEAD, have no body).
     */
    private static final Set<Integer> DOCUMENTED = Set.of(200, 201, 204, 401, 404, 405, 406, 409, 411, 413, 414, 415,
            422, 429, 431);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thousandsOfHostileRequestsGetOnlyDocumentedAnswers() throws Exception {
        long seed = Long.getLong("hostile.seed", 20261129L);
        int count = Integer.getInteger("hostile.count", 6_000);
        List<String> ids = seed();
        // a conversation the generator never names: it must come through unchanged
        USER.request().body(Map.of("conversation_id", "canary", "title", "Canary")).post("/api/conversations")
                .then().statusCode(201);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        HostileRequests generator = new HostileRequests(seed, USER, ids);
        for (int i = 0; i < count; i++) {
            HostileRequests.HostileRequest request = generator.next();
            Response response = request.send().apply(HostileRequests.spec());
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String problem = request.description().startsWith("HEAD") && response.asString().isEmpty()
                    ? (DOCUMENTED.contains(status) ? null : "undocumented status")
                    : problemWith(status, response);
            if (problem != null && violations.size() < 20) {
                violations.add("#" + i + " " + request.description() + " -> " + status + ": " + problem);
            }
        }

        int fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue)
                .sum();
        System.out.printf("hostile input: %d requests (seed %d), statuses %s, 5xx %d, contract violations %d%n",
                count, seed, statuses, fiveHundreds, violations.size());
        String replay = "seed " + seed + " (repeat with -Dhostile.seed=" + seed + ")";
        assertTrue(violations.isEmpty(), replay + "\n" + String.join("\n", violations));
        assertEquals(0, fiveHundreds, replay);
        given().get("/q/health/ready").then().statusCode(200);
        USER.request().queryParam("limit", 100).get("/api/conversations").then().statusCode(200);
        USER.request().get("/api/conversations/canary").then().statusCode(200)
                .body("title", equalTo("Canary"));
    }

    @Test
    void oversizedHeadersAndBodiesMeetTheDocumentedLimits() {
        given().header("X-Session-API-Key", USER.key()).header("X-Padding", "p".repeat(30_000))
                .get("/api/conversations").then().statusCode(431);
        USER.request().body("{\"title\": \"" + "x".repeat(2_000_000) + "\"}").post("/api/conversations")
                .then().statusCode(413);
    }

    private static List<String> seed() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "hostile-" + i;
            USER.request().body(Map.of("conversation_id", id, "title", "Seed " + i)).post("/api/conversations")
                    .then().statusCode(201);
            ids.add(id);
        }
        return ids;
    }

    /** What is wrong with an answer, or null when it keeps the contract. */
    private static String problemWith(int status, Response response) {
        if (!DOCUMENTED.contains(status)) {
            return "undocumented status";
        }
        String body = response.asString();
        if (status == 204 || (body.isEmpty() && (status == 414 || status == 431))) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            return "not JSON: " + abbreviate(body);
        }
        if (json == null) {
            return "empty body";
        }
        if (status >= 400) {
            JsonNode detail = json.get("detail");
            if (detail == null) {
                return "no detail: " + abbreviate(body);
            }
            if (status == 422) {
                if (!detail.isArray() || detail.isEmpty()) {
                    return "422 detail is not a list of errors";
                }
                for (JsonNode error : detail) {
                    if (!error.path("loc").isArray() || !error.path("msg").isTextual()
                            || !error.path("type").isTextual()) {
                        return "422 error without loc/msg/type: " + abbreviate(error.toString());
                    }
                    String where = error.path("loc").path(0).asText();
                    if (!Set.of("query", "path", "body").contains(where)) {
                        return "422 loc does not start with query, path or body";
                    }
                }
            } else if (!detail.isTextual()) {
                return "detail is not a string";
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
