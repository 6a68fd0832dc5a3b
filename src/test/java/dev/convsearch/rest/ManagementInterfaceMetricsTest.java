package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the management interface on, /q/metrics is served there, and the JVM meters are bound before its scrapes too. */
@QuarkusTest
@TestProfile(ManagementInterfaceMetricsTest.ManagementInterfaceOn.class)
@WithTestResource(MongoWireServer.class)
class ManagementInterfaceMetricsTest {

    private static final int MANAGEMENT_PORT = 19001;

    public static class ManagementInterfaceOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true",
                    "quarkus.management.test-port", String.valueOf(MANAGEMENT_PORT));
        }
    }

    @Test
    void theJvmMetersAreOnTheManagementInterfacesMetrics() {
        given().port(MANAGEMENT_PORT).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes{"))
                .body(containsString("process_uptime_seconds "));
    }
}
