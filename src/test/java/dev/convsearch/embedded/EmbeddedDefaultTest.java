package dev.convsearch.embedded;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The default a new user gets: no connection string and no key configured, so the embedded database starts on an H2
 * file and a key for user {@code local} is made and kept in the data folder.
 */
@QuarkusTest
@TestProfile(EmbeddedDefaultTest.NoDatabaseConfigured.class)
class EmbeddedDefaultTest {

    static final Path DATA_DIR = Path.of("target", "embedded-default-test");

    /** Nothing but a data folder of its own. */
    public static class NoDatabaseConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("convsearch.embedded.data-dir", DATA_DIR.toString());
        }
    }

    @Test
    void theLocalKeyIsKeptOwnerOnlyAndSearchesTheEmbeddedDatabase() throws IOException {
        Path keyFile = DATA_DIR.resolve("local-api-key");
        String key = Files.readString(keyFile).strip();
        assertTrue(key.startsWith("cs_") && key.length() >= 3 + 43, "a cs_ key of 256 bits: " + key.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.exists(DATA_DIR.resolve("convsearch.mv")), "the H2 file is in the data folder");

        String id = "embedded-" + System.nanoTime();
        given().header("X-Session-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("conversation_id", id, "title", "On the embedded database"))
                .post("/api/conversations").then().statusCode(201);
        List<String> ids = given().header("X-Session-API-Key", key).queryParam("limit", 100)
                .get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList("results.conversation_id");
        assertTrue(ids.contains(id), ids.toString());
        given().header("X-Session-API-Key", key + "x").get("/api/conversations")
                .then().statusCode(401).body("detail", equalTo("Unauthorized"));
    }
}
