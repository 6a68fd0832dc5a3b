package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What operators rely on: public health endpoints, Prometheus metrics, request ids. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class OperationsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void healthEndpointsArePublicAndReadinessCoversMongoDb() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'MongoDB' }.data.reachable", equalTo(true))
                .body("checks.find { it.name == 'MongoDB' }.data.indexes", equalTo(true));
    }

    @Test
    void metricsHaveRouteLatencyHistogramsAndMongoDbCommands() {
        TestUsers.ALICE.request().get("/api/conversations").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("uri=\"/api/conversations\""))
                .body(containsString("mongodb_driver_commands_seconds"))
                .body(containsString("mongodb_driver_pool_"));
    }

    @Test
    void everyResponseCarriesARequestIdTheClientsWhenItIsSane() {
        TestUsers.ALICE.request().header("X-Request-ID", "trace-42.a:b").get("/api/conversations")
                .then().header("X-Request-ID", equalTo("trace-42.a:b"));
        given().get("/api/conversations").then().statusCode(401).header("X-Request-ID", matchesPattern(UUID));
        given().header("X-Request-ID", "evil\tinjected log line").get("/q/health/live")
                .then().header("X-Request-ID", matchesPattern(UUID));
        given().header("X-Request-ID", "x".repeat(129)).get("/q/health/live")
                .then().header("X-Request-ID", not(containsString("xxx")));
    }
}
