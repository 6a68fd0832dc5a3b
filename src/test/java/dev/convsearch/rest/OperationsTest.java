package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
    void metricsHaveTheSearchIndexsMeters() {
        ContentSearchTest.awaitSearchReady();
        TestUsers.ALICE.request().body("{\"conversation_id\": \"metered\", \"title\": \"Metered\"}")
                .post("/api/conversations").then().statusCode(201);
        TestUsers.ALICE.request().body("[" + WebhookTest.message("e1", "a quasar in the metrics") + "]")
                .post("/api/conversations/metered/events").then().statusCode(200);
        try {
            TestUsers.ALICE.request().queryParam("q", "quasar").get("/api/conversations").then().statusCode(200);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String meter : List.of("convsearch_search_events_indexed_total",
                    "convsearch_search_index_size_bytes", "convsearch_search_index_lag_seconds",
                    "convsearch_conversations_read_total")) {
                assertTrue(metrics.contains("\n" + meter + " "), meter);
            }
            double segments = metrics.lines().filter(line -> line.startsWith("convsearch_search_index_segments "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                    .orElse(-1);
            assertTrue(segments >= 1, "the search just read the event's segment: " + segments);
        } finally { // other classes page through ALICE's conversations in the same database
            TestUsers.ALICE.request().delete("/api/conversations/metered").then().statusCode(204);
        }
    }

    @Test
    void metricsHaveTheJvmAndSystemMetersFromTheFirstScrape() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // Quarkus' JVM and system binders' meters, but for GC pauses, which appear with the next collection
        for (String meter : List.of("jvm_buffer_count_buffers", "jvm_buffer_memory_used_bytes",
                "jvm_classes_loaded_classes", "jvm_classes_unloaded_classes_total", "jvm_gc_live_data_size_bytes",
                "jvm_gc_max_data_size_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_gc_overhead",
                "jvm_info_total", "jvm_memory_committed_bytes", "jvm_memory_max_bytes", "jvm_memory_usage_after_gc",
                "jvm_memory_used_bytes", "jvm_threads_daemon_threads", "jvm_threads_live_threads",
                "jvm_threads_peak_threads", "jvm_threads_started_threads_total", "jvm_threads_states_threads",
                "process_cpu_time_ns_total", "process_cpu_usage", "process_files_max_files",
                "process_files_open_files", "process_start_time_seconds", "process_uptime_seconds",
                "system_cpu_count", "system_cpu_usage", "system_load_average_1m")) {
            assertTrue(metrics.contains("\n" + meter + "{") || metrics.contains("\n" + meter + " "), meter);
        }
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
