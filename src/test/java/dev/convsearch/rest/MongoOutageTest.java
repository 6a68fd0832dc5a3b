package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** One request of the background load: when it started and ended (ms since the test began) and its status. */
    record Outcome(long startMillis, long endMillis, int status) {
    }

    @Test
    void underLoadOnly503sWhileDownEachWithinFiveSecondsThenFullRecovery() throws Exception {
        awaitReadiness(200);
        long t0 = System.nanoTime();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        AtomicInteger created = new AtomicInteger();
        for (int thread = 0; thread < 3; thread++) {
            int id = thread;
            load.submit(() -> {
                while (running.get()) {
                    long start = millisSince(t0);
                    int status = id == 0
                            ? USER.request().body(Map.of("conversation_id", "load-" + created.incrementAndGet()))
                                    .post("/api/conversations").statusCode()
                            : USER.request().get("/api/conversations").statusCode();
                    outcomes.add(new Outcome(start, millisSince(t0), status));
                }
            });
        }
        Thread.sleep(1500);
        long stoppedAt = millisSince(t0);
        RestartableMongoWireServer.stopServer();
        Thread.sleep(6000);
        long restartedAt = millisSince(t0);
        RestartableMongoWireServer.startServer();
        long deadline = System.nanoTime() + 20_000_000_000L;
        long recoveredAt = -1;
        while (recoveredAt < 0 && System.nanoTime() < deadline) {
            recoveredAt = outcomes.stream().filter(o -> o.startMillis() > restartedAt && o.status() < 300)
                    .mapToLong(Outcome::endMillis).min().orElse(-1);
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        running.set(false);
        load.shutdown();
        load.awaitTermination(30, TimeUnit.SECONDS);

        long recovered = recoveredAt;
        List<Outcome> unexpected = outcomes.stream()
                .filter(o -> o.status() >= 300 && (o.status() != 503 || o.endMillis() < stoppedAt
                        || o.startMillis() > recovered))
                .toList();
        long slowest = outcomes.stream().mapToLong(o -> o.endMillis() - o.startMillis()).max().orElse(0);
        long unavailable = outcomes.stream().filter(o -> o.status() == 503).count();
        System.out.printf("faults: %d requests under load, %d answered 503 while MongoDB was down, %d other failures, "
                + "slowest answer %d ms, recovered %d ms after MongoDB returned%n", outcomes.size(), unavailable,
                unexpected.size(), slowest, recovered - restartedAt);
        assertTrue(recovered > 0, "no request succeeded after MongoDB returned");
        assertTrue(unavailable > 0, "the outage was seen");
        assertTrue(unexpected.isEmpty(), "only 503s while down, successes otherwise: " + unexpected);
        assertTrue(slowest < 5000, "every answer within 5 s: " + slowest + " ms");
        awaitReadiness(200);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void awaitReadiness(int status) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != status) {
            assertTrue(System.nanoTime() < deadline, "readiness not " + status + " within 20 s");
            Thread.sleep(200);
        }
    }
}
