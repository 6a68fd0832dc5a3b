package dev.convsearch.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The per-key budget: a key that used it gets 429 with Retry-After, and other keys are not affected. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestProfile(RateLimitTest.SmallBudget.class)
class RateLimitTest {

    static final int BUDGET = 5;

    /** Five requests a minute per key. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("convsearch.rate-limit.enabled", "true", "convsearch.rate-limit.requests",
                    String.valueOf(BUDGET), "convsearch.rate-limit.period", "1M");
        }
    }

    @Test
    void aKeyOverItsBudgetGets429WithRetryAfterWhileOtherKeysGoOn() {
        for (int i = 0; i < BUDGET; i++) {
            TestUsers.OSCAR.request().get("/api/conversations").then().statusCode(200);
        }
        String retryAfter = TestUsers.OSCAR.request().get("/api/conversations")
                .then().statusCode(429)
                .body("detail", equalTo("Too many requests"))
                .header("Retry-After", notNullValue())
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, retryAfter);

        TestUsers.PEGGY.request().get("/api/conversations").then().statusCode(200);
    }
}
