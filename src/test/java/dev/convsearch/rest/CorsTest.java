package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A browser client on another origin: with its origin configured (and nothing else: CORS turns itself on), a preflight
 * needs no key and the answers carry the CORS headers; any other origin gets none.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestProfile(CorsTest.OneOrigin.class)
class CorsTest {

    static final String APP = "https://app.example.com";

    /** One allowed origin, as an operator sets QUARKUS_HTTP_CORS_ORIGINS. */
    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", APP);
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoKey() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-Session-API-Key")
                .options("/api/v1/app-conversations/search")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("X-Session-API-Key"));
        TestUsers.EMIL.request().header("Origin", APP).get("/api/v1/app-conversations/search")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(APP));
    }

    @Test
    void anOriginNotConfiguredGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/app-conversations/search")
                .then().header("Access-Control-Allow-Origin", nullValue());
        TestUsers.EMIL.request().header("Origin", "https://evil.example").get("/api/conversations")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
