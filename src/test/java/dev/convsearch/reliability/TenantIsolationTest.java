package dev.convsearch.reliability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A second user probes the first user's ids (existing, deleted, imported) through every endpoint and learns nothing:
 * each answer is byte for byte the answer for an id that never existed, no search or count shows them, and create and
 * import behave as if the ids were free.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class TenantIsolationTest {

    private static final TestUsers OWNER = TestUsers.RUPERT;
    private static final TestUsers PROBER = TestUsers.SYBIL;

    @Test
    void anotherUserSeesNothingOfTheOwnersIdsThroughAnyEndpoint() {
        OWNER.request().body(Map.of("conversation_id", "t-live", "title", "Secret plan", "selected_repository",
                "rupert/secret")).post("/api/conversations").then().statusCode(201);
        OWNER.request().body(Map.of("conversation_id", "t-gone")).post("/api/conversations").then().statusCode(201);
        OWNER.request().delete("/api/conversations/t-gone").then().statusCode(204);
        importAs(OWNER, "{\"conversation_id\": \"t-imp\", \"selected_repository\": \"rupert/secret\"}\n");
        String ownerKeyId = OWNER.request().body(Map.of("name", "owner's")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath().getString("id");
        int probes = 0;

        for (String id : List.of("t-live", "t-gone", "t-imp")) {
            assertSame(probe("GET", "never-was"), probe("GET", id), "GET " + id);
            assertSame(probe("PATCH", "never-was"), probe("PATCH", id), "PATCH " + id);
            assertSame(probe("DELETE", "never-was"), probe("DELETE", id), "DELETE " + id);
            probes += 6;
        }
        PROBER.request().queryParam("selected_repository", "rupert/secret").get("/api/conversations")
                .then().statusCode(200).body("results.size()", equalTo(0)).body("next_page_id", equalTo(null));
        PROBER.request().queryParam("title__contains", "Secret").get("/api/conversations")
                .then().statusCode(200).body("results.size()", equalTo(0));
        PROBER.request().queryParam("selected_repository", "rupert/secret").get("/api/conversations/count")
                .then().statusCode(200).body(equalTo("0"));
        assertSame(PROBER.request().delete("/api/keys/0123456789abcdef01234567"),
                PROBER.request().delete("/api/keys/" + ownerKeyId), "DELETE key");
        assertTrue(!PROBER.request().get("/api/keys").asString().contains(ownerKeyId));
        probes += 6;

        // create and import act as if the ids were free: no conflict, no "updated", no hint
        PROBER.request().body(Map.of("conversation_id", "t-live")).post("/api/conversations").then().statusCode(201);
        Response imported = importAs(PROBER, "{\"conversation_id\": \"t-imp\"}\n{\"conversation_id\": \"t-free\"}\n");
        assertEquals(2, imported.jsonPath().getInt("created"));
        assertEquals(0, imported.jsonPath().getInt("updated"));
        probes += 2;

        OWNER.request().get("/api/conversations/t-live").then().statusCode(200).body("title", equalTo("Secret plan"));
        OWNER.request().get("/api/conversations/t-imp").then().statusCode(200)
                .body("selected_repository", equalTo("rupert/secret"));
        System.out.printf("tenants: %d probes of another user's ids, 0 answers that differ from an unknown id%n",
                probes);
    }

    private static Response probe(String method, String id) {
        return PROBER.request().body("{\"title\": \"mine now\"}").request(method, "/api/conversations/" + id);
    }

    private static void assertSame(Response unknown, Response probed, String what) {
        assertEquals(unknown.statusCode(), probed.statusCode(), what);
        assertEquals(unknown.asString(), probed.asString(), what);
    }

    private static Response importAs(TestUsers user, String lines) {
        Response response = user.request().contentType("application/x-ndjson")
                .body(lines.getBytes(StandardCharsets.UTF_8)).post("/api/conversations/import");
        assertEquals(200, response.statusCode(), response.asString());
        return response;
    }
}
