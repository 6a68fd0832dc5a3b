package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.RestartableMongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * MongoDB goes away under the running service and comes back on the same port: requests get 503 with Retry-After in
 * under 5 seconds, readiness goes DOWN (liveness stays UP), and both recover with no restart.
 */
@QuarkusTest
@WithTestResource(RestartableMongoWireServer.class)
class MongoOutageTest {

    private static final TestUsers USER = TestUsers.ALICE;

    @Test
    void anOutageIsA503WithinFiveSecondsAndRecoversWithoutRestart() throws InterruptedException {
        USER.request().get("/api/conversations").then().statusCode(200);
        awaitReadiness(200);

        RestartableMongoWireServer.stopServer();
        try {
            long start = System.nanoTime();
            Response down = USER.request().get("/api/conversations");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(503, down.statusCode(), down.asString());
            assertEquals("{\"detail\":\"Service unavailable\"}", down.asString());
            assertTrue(down.header("Retry-After") != null, "Retry-After");
            assertTrue(millis < 5000, "answered in " + millis + " ms");
            USER.request().body("{}").post("/api/conversations").then().statusCode(503);
            given().header("X-Session-API-Key", "cs_not_a_static_key").get("/api/conversations")
                    .then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            RestartableMongoWireServer.startServer();
        }

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (USER.request().get("/api/conversations").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not recovered within 20 s");
            Thread.sleep(200);
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != status) {
            assertTrue(System.nanoTime() < deadline, "readiness not " + status + " within 20 s");
            Thread.sleep(200);
        }
    }
}
