package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import dev.convsearch.repository.ApiKeyRepository;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** API keys as a resource: the secret is shown once, keys act as their owner, revoked and expired keys are refused. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ApiKeyTest {

    private static final TestUsers OWNER = TestUsers.JUDY;
    private static final TestUsers OTHER = TestUsers.MALLORY;

    @Test
    void aNewKeyIsShownOnceActsAsItsOwnerAndIsListedWithoutItsSecret() {
        JsonPath created = OWNER.request().body(Map.of("name", "ci bot")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        assertTrue(key.matches("cs_[A-Za-z0-9_-]{43}"), "cs_ and 256 random bits: " + key);
        assertEquals(key.substring(0, 10), created.getString("prefix"));

        given().header("X-Session-API-Key", key).contentType("application/json")
                .body(Map.of("conversation_id", "by-new-key")).post("/api/conversations").then().statusCode(201);
        OWNER.request().get("/api/conversations/by-new-key").then().statusCode(200);

        String listing = OWNER.request().get("/api/keys").then().statusCode(200).extract().asString();
        assertTrue(listing.contains(created.getString("id")), listing);
        assertFalse(listing.contains(key), "the secret is never listed");
        assertFalse(listing.contains("key_hash"), "nor its hash");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnThisReplica() {
        JsonPath created = OWNER.request().body(Map.of("name", "short-lived")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        given().header("X-Session-API-Key", key).get("/api/conversations").then().statusCode(200);

        OWNER.request().delete("/api/keys/" + created.getString("id")).then().statusCode(204);

        given().header("X-Session-API-Key", key).get("/api/conversations")
                .then().statusCode(401).body(equalTo("{\"detail\":\"Unauthorized\"}"));
        OWNER.request().delete("/api/keys/" + created.getString("id")).then().statusCode(404);
    }

    @Inject
    ApiKeyRepository keysInDatabase;

    @Test
    void aKeyRevokedByAnotherReplicaStopsWorkingWithinFiveSeconds() throws InterruptedException {
        JsonPath created = OWNER.request().body(Map.of("name", "elsewhere")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        given().header("X-Session-API-Key", key).get("/api/conversations").then().statusCode(200);

        // another replica revokes it: the row goes, but this replica's lookup cache is not told
        keysInDatabase.deleteOwned(OWNER.id(), new ObjectId(created.getString("id"))).await().indefinitely();
        long revokedAt = System.nanoTime();
        while (given().header("X-Session-API-Key", key).get("/api/conversations").statusCode() == 200) {
            assertTrue(System.nanoTime() - revokedAt < 5_000_000_000L, "still accepted after 5 s");
            Thread.sleep(100);
        }
        given().header("X-Session-API-Key", key).get("/api/conversations").then().statusCode(401);
    }

    @Test
    void anExpiredKeyIsRefused() throws InterruptedException {
        String expiresAt = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS).toString();
        String key = OWNER.request().body(Map.of("name", "expiring", "expires_at", expiresAt)).post("/api/keys")
                .then().statusCode(201).body("expires_at", equalTo(expiresAt))
                .extract().jsonPath().getString("key");
        given().header("X-Session-API-Key", key).get("/api/conversations").then().statusCode(200);

        Thread.sleep(2000);

        given().header("X-Session-API-Key", key).get("/api/conversations").then().statusCode(401);
    }

    @Test
    void anotherUserCannotSeeOrRevokeAKey() {
        String id = OWNER.request().body(Map.of("name", "mine")).post("/api/keys")
                .then().statusCode(201).extract().jsonPath().getString("id");

        List<String> theirs = OTHER.request().get("/api/keys").then().statusCode(200).extract().jsonPath()
                .getList("id");
        assertFalse(theirs.contains(id));
        OTHER.request().delete("/api/keys/" + id).then().statusCode(404)
                .body("detail", equalTo("API key not found"));
        OTHER.request().delete("/api/keys/not-an-id").then().statusCode(404);
        assertTrue(OWNER.request().get("/api/keys").then().extract().jsonPath().getList("id").contains(id));
    }

    @Test
    void badKeyRequestsAreA422() {
        OWNER.request().body(Map.of()).post("/api/keys").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "name")));
        OWNER.request().body(Map.of("name", " ")).post("/api/keys").then().statusCode(422);
        OWNER.request().body(Map.of("name", "x".repeat(101))).post("/api/keys").then().statusCode(422);
        OWNER.request().body(Map.of("name", "past", "expires_at", "2020-01-01T00:00:00Z")).post("/api/keys")
                .then().statusCode(422).body("detail[0].type", equalTo("datetime_future"));
        OWNER.request().body(Map.of("name", "x", "scope", "admin")).post("/api/keys").then().statusCode(422)
                .body("detail[0].type", equalTo("extra_forbidden"));
    }

    @Test
    void staticKeysAreNotListedAndKeepWorking() {
        assertTrue(OTHER.request().get("/api/keys").then().statusCode(200).extract().jsonPath().getList("id")
                .isEmpty());
        OTHER.request().get("/api/conversations").then().statusCode(200);
    }
}
